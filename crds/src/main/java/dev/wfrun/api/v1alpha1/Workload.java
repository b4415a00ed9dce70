package dev.wfrun.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** What a build produces: the container image and how the component runs. */
@Group(OpenChoreo.GROUP)
@Version(OpenChoreo.VERSION)
@Kind(Workload.KIND)
@Plural("workloads")
public class Workload extends CustomResource<WorkloadSpec, GenericStatus> implements Namespaced {
  public static final String KIND = "Workload";
}
