package dev.wfrun.core.ttl;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The label {@value #KEY} that status-sync puts on a finished run with a TTL: the minute its TTL
 * ends, in epoch minutes rounded up. ttl-cleanup deletes a whole minute's runs with one collection
 * DELETE by this label when every run carrying it has expired by its current TTL; anything else
 * (no label, a label that no longer matches an edited TTL) is deleted one by one, so the label is
 * only ever a shortcut.
 */
public final class ExpiryLabel {
  public static final String KEY = "wfrun.dev/ttl-expiry";

  private ExpiryLabel() {}

  /** The label value for a run completed at {@code completedAt} with {@code ttl}; empty without TTL. */
  public static Optional<String> of(String completedAt, String ttl) {
    if (completedAt == null || completedAt.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> duration;
    Instant completed;
    try {
      duration = TtlDuration.parse(ttl);
      completed = Instant.parse(completedAt);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return duration.map(d -> of(completed.plus(d)));
  }

  /** The label value for a TTL that ends at {@code expiry}. */
  public static String of(Instant expiry) {
    return Long.toString(Math.floorDiv(expiry.getEpochSecond() + 59, 60));
  }

  /** When every run labelled {@code value} has expired (the end of that minute), if it is a label of ours. */
  public static Optional<Instant> expiredAfter(String value) {
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(value) * 60));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
