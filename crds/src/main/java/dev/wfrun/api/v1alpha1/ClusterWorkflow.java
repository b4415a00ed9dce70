package dev.wfrun.api.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cluster-scoped {@link Workflow}; runs in any namespace may use it. */
@Group(OpenChoreo.GROUP)
@Version(OpenChoreo.VERSION)
@Kind(ClusterWorkflow.KIND)
@Plural("clusterworkflows")
@ShortNames({"cwf", "cwfs"})
public class ClusterWorkflow extends CustomResource<WorkflowSpec, WorkflowStatus> {
  public static final String KIND = "ClusterWorkflow";
}
