package dev.wfrun.core.runapi;

import java.util.Optional;

/** A list call's {@code limit}: 1 to {@value #MAX}, {@value #DEFAULT} when absent. */
final class PageLimit {
  static final int DEFAULT = 100;
  static final int MAX = 500;

  private PageLimit() {}

  /** Why {@code limit} is refused, if it is (400 naming the field). */
  static Optional<RunApiAnswer> problem(String limit) {
    if (limit == null || limit.isEmpty()) {
      return Optional.empty();
    }
    try {
      int n = Integer.parseInt(limit);
      if (n >= 1 && n <= MAX) {
        return Optional.empty();
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    return Optional.of(RunApiAnswer.problem(400, "Bad Request",
        "limit: must be a whole number from 1 to " + MAX + ", got \"" + limit + "\""));
  }

  /** The page size of a limit {@link #problem} accepted. */
  static int of(String limit) {
    return limit == null || limit.isEmpty() ? DEFAULT : Integer.parseInt(limit);
  }
}
