package dev.wfrun.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A namespace's kind of component; governs which workflows may build it. */
@Group(OpenChoreo.GROUP)
@Version(OpenChoreo.VERSION)
@Kind(ComponentType.KIND)
@Plural("componenttypes")
@ShortNames({"ct", "cts"})
public class ComponentType extends CustomResource<ComponentTypeSpec, GenericStatus>
    implements Namespaced {
  public static final String KIND = "ComponentType";
}
