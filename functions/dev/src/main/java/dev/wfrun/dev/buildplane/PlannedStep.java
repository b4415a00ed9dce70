package dev.wfrun.dev.buildplane;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of an Argo Workflow as the simulated build plane will run it.
 *
 * @param group the index of its step group (steps of one group run side by side)
 * @param name the step's name (the node's display name)
 * @param templateName the leaf template that runs (a container)
 * @param template that template's definition, or null when Argo could not resolve it
 * @param arguments the step's {@code arguments}
 */
record PlannedStep(int group, String name, String templateName, JsonNode template, JsonNode arguments) {}
