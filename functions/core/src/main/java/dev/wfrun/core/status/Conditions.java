package dev.wfrun.core.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes {@code meta.SetStatusCondition} semantics on an immutable list: a condition of an
 * existing type is replaced in place (its {@code lastTransitionTime} changes only when the status
 * flips), a new type is appended.
 */
public final class Conditions {
  private Conditions() {}

  public static List<Condition> set(
      List<Condition> conditions, String type, boolean status, String reason, String message, long generation,
      String now) {
    List<Condition> out = new ArrayList<>(conditions == null ? List.of() : conditions);
    String statusText = status ? "True" : "False";
    for (int i = 0; i < out.size(); i++) {
      Condition existing = out.get(i);
      if (type.equals(existing.getType())) {
        boolean flipped = !statusText.equals(existing.getStatus());
        out.set(i, new ConditionBuilder(existing)
            .withStatus(statusText)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(flipped || existing.getLastTransitionTime() == null
                ? now : existing.getLastTransitionTime())
            .build());
        return out;
      }
    }
    out.add(new ConditionBuilder()
        .withType(type)
        .withStatus(statusText)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(now)
        .build());
    return out;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }
}
