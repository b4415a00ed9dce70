package dev.wfrun.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** One execution of a Workflow with concrete parameter values. */
@Group(OpenChoreo.GROUP)
@Version(OpenChoreo.VERSION)
@Kind(WorkflowRun.KIND)
@Plural("workflowruns")
public class WorkflowRun extends CustomResource<WorkflowRunSpec, WorkflowRunStatus>
    implements Namespaced {
  public static final String KIND = "WorkflowRun";
}
