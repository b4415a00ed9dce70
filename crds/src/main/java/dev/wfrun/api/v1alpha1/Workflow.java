package dev.wfrun.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A platform engineer's template: parameter schema, Argo run template, extra resources. */
@Group(OpenChoreo.GROUP)
@Version(OpenChoreo.VERSION)
@Kind(Workflow.KIND)
@Plural("workflows")
public class Workflow extends CustomResource<WorkflowSpec, WorkflowStatus> implements Namespaced {
  public static final String KIND = "Workflow";
}
