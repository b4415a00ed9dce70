package dev.wfrun.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A namespace's build plane: where its runs execute. */
@Group(OpenChoreo.GROUP)
@Version(OpenChoreo.VERSION)
@Kind(WorkflowPlane.KIND)
@Plural("workflowplanes")
public class WorkflowPlane extends CustomResource<WorkflowPlaneSpec, WorkflowPlaneStatus>
    implements Namespaced {
  public static final String KIND = "WorkflowPlane";
}
