package dev.wfrun.core.render;

import dev.wfrun.api.v1alpha1.SecretReferenceSpec;
import java.util.Optional;

/** Finds a SecretReference by namespace and name (the cluster, or files for the CLI). */
@FunctionalInterface
public interface SecretReferenceLookup {
  Optional<SecretReferenceSpec> find(String namespace, String name);

  /** A lookup that finds nothing. */
  static SecretReferenceLookup none() {
    return (namespace, name) -> Optional.empty();
  }
}
