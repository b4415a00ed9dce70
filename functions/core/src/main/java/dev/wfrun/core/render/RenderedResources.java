package dev.wfrun.core.render;

import java.util.Map;

/** Checks on a rendered object: the fields every Kubernetes object needs. */
public final class RenderedResources {
  private RenderedResources() {}

  public static void validate(Object rendered) {
    if (!(rendered instanceof Map<?, ?> object)) {
      throw new RenderException("rendered resource must be an object");
    }
    if (!(object.get("apiVersion") instanceof String v) || v.isEmpty()) {
      throw new RenderException("rendered resource missing apiVersion");
    }
    if (!(object.get("kind") instanceof String k) || k.isEmpty()) {
      throw new RenderException("rendered resource missing kind");
    }
    if (!(object.get("metadata") instanceof Map<?, ?> metadata)) {
      throw new RenderException("rendered resource missing metadata");
    }
    if (!(metadata.get("name") instanceof String n) || n.isEmpty()) {
      throw new RenderException("rendered resource missing metadata.name");
    }
  }

  @SuppressWarnings("unchecked") // validated above: metadata is a map with string keys
  static Map<String, Object> metadata(Map<String, Object> object) {
    return (Map<String, Object>) object.get("metadata");
  }
}
