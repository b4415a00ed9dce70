package dev.wfrun.core.engine.argo;

import dev.wfrun.api.argo.ArgoWorkflowStatus;
import dev.wfrun.core.engine.EngineObservation;
import dev.wfrun.core.engine.EnginePhase;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Argo Workflow's status as an {@link EngineObservation}: the phase ({@code Running},
 * {@code Succeeded}, {@code Failed} and {@code Error} as upstream's controller reads them; no phase
 * yet is {@code NOT_STARTED}; anything else {@code PENDING}), the tasks ({@link ArgoTasks}), and the
 * output parameters of each succeeded node by task name (the first node of a name wins).
 */
public final class ArgoObservations {
  private ArgoObservations() {}

  /** @param status the Workflow's status; null when Argo has not written one */
  public static EngineObservation of(ArgoWorkflowStatus status) {
    ArgoWorkflowStatus s = status == null ? new ArgoWorkflowStatus() : status;
    return new EngineObservation(phase(s.getPhase()), ArgoTasks.of(s.getNodes()), outputs(s.getNodes()),
        s.getMessage() == null || s.getMessage().isEmpty() ? null : s.getMessage());
  }

  static EnginePhase phase(String argoPhase) {
    if (argoPhase == null || argoPhase.isEmpty()) {
      return EnginePhase.NOT_STARTED;
    }
    return switch (argoPhase) {
      case "Running" -> EnginePhase.RUNNING;
      case "Succeeded" -> EnginePhase.SUCCEEDED;
      case "Failed", "Error" -> EnginePhase.FAILED;
      default -> EnginePhase.PENDING;
    };
  }

  private static Map<String, Map<String, String>> outputs(Map<String, ArgoWorkflowStatus.Node> nodes) {
    Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
    if (nodes == null) {
      return outputs;
    }
    nodes.forEach((id, node) -> {
      if (!"Succeeded".equals(node.getPhase()) || node.getOutputs() == null
          || node.getOutputs().getParameters() == null) {
        return;
      }
      Map<String, String> values = outputs.computeIfAbsent(ArgoTasks.taskName(id, node), k -> new LinkedHashMap<>());
      for (ArgoWorkflowStatus.Parameter p : node.getOutputs().getParameters()) {
        if (p.getName() != null && p.getValue() != null) {
          values.putIfAbsent(p.getName(), p.getValue());
        }
      }
    });
    outputs.values().removeIf(Map::isEmpty);
    return outputs;
  }
}
