package dev.wfrun.core.render;

import dev.wfrun.api.v1alpha1.WorkflowRun;

/** A run, its Workflow and its context: everything rendering needs, already fetched. */
public record RenderInput(WorkflowRun run, ResolvedWorkflow workflow, RenderContext context) {}
