package dev.wfrun.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A deployable unit of a project; its {@code spec.workflow} builds it. */
@Group(OpenChoreo.GROUP)
@Version(OpenChoreo.VERSION)
@Kind(Component.KIND)
@Plural("components")
@ShortNames({"comp", "comps"})
public class Component extends CustomResource<ComponentSpec, GenericStatus> implements Namespaced {
  public static final String KIND = "Component";
}
