package dev.wfrun.core.engine;

import dev.wfrun.api.v1alpha1.ResourceReference;

/** A run object an engine holds in a build plane, and the WorkflowRun its ownership labels name. */
public record OwnedRunObject(ResourceReference reference, String runNamespace, String runName) {}
