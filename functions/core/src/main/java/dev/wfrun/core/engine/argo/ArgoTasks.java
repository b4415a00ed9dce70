package dev.wfrun.core.engine.argo;

import dev.wfrun.api.argo.ArgoWorkflowStatus.Node;
import dev.wfrun.api.v1alpha1.WorkflowTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Argo nodes as vendor-neutral tasks: one per {@code Pod} node, named by its display name (or the
 * text after the last '.' of its node name), in execution order (the number in the last
 * {@code [n]} of the node name). Beyond upstream, the order of tied steps is stable (by start time,
 * then node name) instead of random, a task never has an empty name, and a node phase the CRD does
 * not know ({@code Omitted}) is reported as {@code Skipped}, so the status write is never refused.
 */
final class ArgoTasks {
  private static final Set<String> TASK_PHASES = Set.of("Pending", "Running", "Succeeded", "Failed", "Skipped", "Error");

  private ArgoTasks() {}

  /** The tasks of these nodes; null when there are no nodes (status.tasks cleared). */
  static List<WorkflowTask> of(Map<String, Node> nodes) {
    if (nodes == null) {
      return null;
    }
    List<Map.Entry<String, Node>> pods = new ArrayList<>();
    nodes.entrySet().stream().filter(e -> "Pod".equals(e.getValue().getType())).forEach(pods::add);
    pods.sort(Comparator.comparingInt((Map.Entry<String, Node> e) -> order(e.getValue().getName()))
        .thenComparing(e -> e.getValue().getStartedAt() == null ? "~" : e.getValue().getStartedAt())
        .thenComparing(e -> e.getValue().getName() == null ? e.getKey() : e.getValue().getName()));
    List<WorkflowTask> tasks = new ArrayList<>(pods.size());
    for (Map.Entry<String, Node> e : pods) {
      Node n = e.getValue();
      tasks.add(new WorkflowTask(taskName(e.getKey(), n), phase(n.getPhase()), blankToNull(n.getStartedAt()),
          blankToNull(n.getFinishedAt()), blankToNull(n.getMessage())));
    }
    return tasks;
  }

  /** The display name, else the text after the last '.', else the node name, else its id. */
  static String taskName(String id, Node node) {
    if (node.getDisplayName() != null && !node.getDisplayName().isEmpty()) {
      return node.getDisplayName();
    }
    String name = node.getName() == null ? "" : node.getName();
    int dot = name.lastIndexOf('.');
    if (dot >= 0 && dot < name.length() - 1) {
      return name.substring(dot + 1);
    }
    if (!name.isEmpty()) {
      return name;
    }
    return id;
  }

  /** The integer inside the last {@code [...]} of a node name (leading digits), or -1. */
  static int order(String nodeName) {
    if (nodeName == null) {
      return -1;
    }
    int close = nodeName.lastIndexOf(']');
    if (close < 0) {
      return -1;
    }
    int open = nodeName.lastIndexOf('[', close);
    if (open < 0) {
      return -1;
    }
    String inside = nodeName.substring(open + 1, close).trim();
    int end = 0;
    if (end < inside.length() && (inside.charAt(0) == '-' || inside.charAt(0) == '+')) {
      end++;
    }
    while (end < inside.length() && Character.isDigit(inside.charAt(end))) {
      end++;
    }
    try {
      return Integer.parseInt(inside.substring(0, end));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String phase(String nodePhase) {
    if (nodePhase == null || nodePhase.isEmpty()) {
      return "Pending";
    }
    return TASK_PHASES.contains(nodePhase) ? nodePhase : "Skipped";
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
