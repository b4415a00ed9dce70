package dev.wfrun.api.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cluster-wide kind of component (may only allow ClusterWorkflows). */
@Group(OpenChoreo.GROUP)
@Version(OpenChoreo.VERSION)
@Kind(ClusterComponentType.KIND)
@Plural("clustercomponenttypes")
@ShortNames({"cct", "ccts"})
public class ClusterComponentType extends CustomResource<ComponentTypeSpec, GenericStatus> {
  public static final String KIND = "ClusterComponentType";
}
