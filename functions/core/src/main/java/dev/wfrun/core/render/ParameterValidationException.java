package dev.wfrun.core.render;

import dev.wfrun.core.schema.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** A run's parameters break the Workflow's schema; lists every violation. */
public class ParameterValidationException extends RenderException {
  private final List<Violation> violations;

  public ParameterValidationException(List<Violation> violations) {
    super("invalid parameters: "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
