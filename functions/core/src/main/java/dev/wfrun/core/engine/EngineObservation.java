package dev.wfrun.core.engine;

import dev.wfrun.api.v1alpha1.WorkflowTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine's run object read back, engine-neutral: its phase, its tasks in execution order (null
 * when it reports none), the output parameters of its succeeded tasks (task name → name → value),
 * and the engine's own message (null when none).
 */
public record EngineObservation(EnginePhase phase, List<WorkflowTask> tasks,
    Map<String, Map<String, String>> outputs, String message) {

  public EngineObservation {
    outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
  }

  /** The output {@code name} of the succeeded task {@code task}. */
  public Optional<String> output(String task, String name) {
    return Optional.ofNullable(outputs.getOrDefault(task, Map.of()).get(name));
  }
}
