package dev.wfrun.core.render;

import java.util.List;
import java.util.Map;

/**
 * The objects a run creates in the build plane.
 *
 * @param resource the run object (the rendered {@code runTemplate}, which its build engine runs)
 * @param resources the extra resources, in {@code spec.resources} order, without the skipped ones
 */
public record RenderedRun(Map<String, Object> resource, List<RenderedResource> resources) {

  /** One extra resource and the {@code spec.resources[].id} it came from. */
  public record RenderedResource(String id, Map<String, Object> resource) {}
}
