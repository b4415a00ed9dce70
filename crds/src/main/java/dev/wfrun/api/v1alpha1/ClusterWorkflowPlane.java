package dev.wfrun.api.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A build plane shared by the whole cluster. */
@Group(OpenChoreo.GROUP)
@Version(OpenChoreo.VERSION)
@Kind(ClusterWorkflowPlane.KIND)
@Plural("clusterworkflowplanes")
@ShortNames({"cwp", "cwps"})
public class ClusterWorkflowPlane extends CustomResource<WorkflowPlaneSpec, WorkflowPlaneStatus> {
  public static final String KIND = "ClusterWorkflowPlane";
}
