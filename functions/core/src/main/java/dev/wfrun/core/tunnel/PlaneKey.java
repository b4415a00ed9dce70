package dev.wfrun.core.tunnel;

/**
 * A plane CR an agent connection may serve: {@code <namespace>/<name>} for a WorkflowPlane,
 * {@code /<name>} for a ClusterWorkflowPlane, as upstream keys its authorisations.
 */
public record PlaneKey(String namespace, String name) {
  public PlaneKey {
    namespace = namespace == null ? "" : namespace;
  }

  public static PlaneKey cluster(String name) {
    return new PlaneKey("", name);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
