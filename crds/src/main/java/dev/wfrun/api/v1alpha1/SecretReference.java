package dev.wfrun.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** Describes a secret held in an external store; the only kind {@code externalRefs} resolve. */
@Group(OpenChoreo.GROUP)
@Version(OpenChoreo.VERSION)
@Kind(SecretReference.KIND)
@Plural("secretreferences")
public class SecretReference extends CustomResource<SecretReferenceSpec, GenericStatus>
    implements Namespaced {
  public static final String KIND = "SecretReference";
}
