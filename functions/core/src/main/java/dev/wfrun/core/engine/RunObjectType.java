package dev.wfrun.core.engine;

import dev.wfrun.api.v1alpha1.ResourceReference;
import java.util.Map;

/**
 * The API type of an engine's run object (the object a rendered {@code runTemplate} becomes), as
 * the build plane's API server serves it.
 */
public record RunObjectType(String group, String version, String kind, String plural) {

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The cluster-wide collection path, as lists and watches use it. */
  public String listPath() {
    return (group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version) + "/" + plural;
  }

  public boolean matches(String apiVersion, String kind) {
    return apiVersion().equals(apiVersion) && this.kind.equals(kind);
  }

  public boolean matches(ResourceReference ref) {
    return ref != null && matches(ref.apiVersion(), ref.kind());
  }

  /** Whether a rendered object (template values) is of this type. */
  public boolean matches(Map<String, Object> rendered) {
    return rendered.get("apiVersion") instanceof String a && rendered.get("kind") instanceof String k && matches(a, k);
  }

  @Override
  public String toString() {
    return apiVersion() + " " + kind;
  }
}
