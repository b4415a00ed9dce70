package dev.wfrun.core.ttl;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a finished run is deleted: not yet (keep until a time), now, or never. */
public sealed interface Expiry {
  record Keep(Instant until) implements Expiry {}

  /** @param at when the TTL ended */
  record Delete(Instant at) implements Expiry {}

  /** No TTL, not completed, or a TTL that cannot be parsed (ignored, as upstream does). */
  record Never(String why) implements Expiry {}

  /**
   * @param completedAt RFC 3339 completion time, or null while running
   * @param ttl {@code spec.ttlAfterCompletion}
   */
  static Expiry of(String completedAt, String ttl, Instant now) {
    if (completedAt == null || completedAt.isEmpty()) {
      return new Never("not completed");
    }
    Optional<Duration> duration;
    try {
      duration = TtlDuration.parse(ttl);
    } catch (IllegalArgumentException e) {
      return new Never(e.getMessage());
    }
    if (duration.isEmpty()) {
      return new Never("no ttlAfterCompletion");
    }
    Instant expiry;
    try {
      expiry = Instant.parse(completedAt).plus(duration.get());
    } catch (RuntimeException e) {
      return new Never("unreadable completedAt \"" + completedAt + "\"");
    }
    return now.isAfter(expiry) ? new Delete(expiry) : new Keep(expiry);
  }
}
