package dev.wfrun.core.engine;

import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.core.engine.argo.ArgoEngine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The engines wfrun can run WorkflowRuns on, chosen by the apiVersion and kind of the rendered
 * {@code runTemplate} (dispatch) or of {@code status.runReference} (everything after). To add an
 * engine: implement {@link BuildEngine} in its own package and list it in {@link #standard()}.
 */
public final class BuildEngines {
  private static final BuildEngines STANDARD = new BuildEngines(List.of(new ArgoEngine()));
  private final List<BuildEngine> engines;

  public BuildEngines(List<BuildEngine> engines) {
    this.engines = List.copyOf(engines);
  }

  /** The engines wfrun ships: Argo Workflows. */
  public static BuildEngines standard() {
    return STANDARD;
  }

  public List<BuildEngine> all() {
    return engines;
  }

  /** The engine whose run object the rendered object is. */
  public Optional<BuildEngine> forRunObject(Map<String, Object> rendered) {
    return engines.stream().filter(e -> e.runObjectType().matches(rendered)).findFirst();
  }

  /** The engine that holds the referenced run object. */
  public Optional<BuildEngine> forReference(ResourceReference ref) {
    return engines.stream().filter(e -> e.runObjectType().matches(ref)).findFirst();
  }

  /** The run object types, for messages ("<apiVersion> <kind>, ..."). */
  public String describe() {
    return engines.stream().map(e -> e.runObjectType().toString()).collect(Collectors.joining(", "));
  }
}
