package dev.wfrun.dev.buildplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The steps of an Argo Workflow in the order they run: its entrypoint's {@code steps} groups (or
 * {@code dag} tasks, one after another), with {@code templateRef}s resolved through the
 * ClusterWorkflowTemplates and nested step templates flattened.
 */
final class ArgoStepPlan {
  private static final int MAX_DEPTH = 5;

  private ArgoStepPlan() {}

  /** @param clusterTemplates a ClusterWorkflowTemplate by name */
  static List<PlannedStep> of(JsonNode workflow, Function<String, Optional<JsonNode>> clusterTemplates) {
    JsonNode spec = workflow.path("spec");
    JsonNode entry = find(spec.path("templates"), spec.path("entrypoint").asText()).orElse(MissingNode.getInstance());
    List<PlannedStep> steps = new ArrayList<>();
    expand(entry, spec.path("templates"), clusterTemplates, steps, new int[] {0}, 0);
    return steps;
  }

  private static void expand(JsonNode template, JsonNode localTemplates,
      Function<String, Optional<JsonNode>> clusterTemplates, List<PlannedStep> out, int[] group, int depth) {
    List<List<JsonNode>> groups = new ArrayList<>();
    if (template.has("steps")) {
      template.path("steps").forEach(g -> {
        List<JsonNode> members = new ArrayList<>();
        g.forEach(members::add);
        groups.add(members);
      });
    } else if (template.has("dag")) {
      template.path("dag").path("tasks").forEach(t -> groups.add(List.of(t)));
    } else {
      return;
    }
    for (List<JsonNode> members : groups) {
      int before = out.size();
      for (JsonNode step : members) {
        Resolved resolved = resolve(step, localTemplates, clusterTemplates);
        if (resolved.template() != null && depth < MAX_DEPTH
            && (resolved.template().has("steps") || resolved.template().has("dag"))) {
          expand(resolved.template(), resolved.scope(), clusterTemplates, out, group, depth + 1);
        } else {
          out.add(new PlannedStep(group[0], step.path("name").asText(), resolved.name(), resolved.template(),
              step.path("arguments")));
        }
      }
      if (out.size() > before) {
        group[0]++;
      }
    }
  }

  private record Resolved(String name, JsonNode template, JsonNode scope) {}

  private static Resolved resolve(JsonNode step, JsonNode localTemplates,
      Function<String, Optional<JsonNode>> clusterTemplates) {
    if (step.has("templateRef")) {
      JsonNode ref = step.path("templateRef");
      String name = ref.path("template").asText();
      Optional<JsonNode> owner = clusterTemplates.apply(ref.path("name").asText());
      JsonNode scope = owner.map(o -> o.path("spec").path("templates")).orElse(MissingNode.getInstance());
      return new Resolved(name, find(scope, name).orElse(null), scope);
    }
    String name = step.path("template").asText();
    return new Resolved(name, find(localTemplates, name).orElse(null), localTemplates);
  }

  private static Optional<JsonNode> find(JsonNode templates, String name) {
    for (JsonNode t : templates) {
      if (name.equals(t.path("name").asText())) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
