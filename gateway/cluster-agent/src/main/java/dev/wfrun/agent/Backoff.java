package dev.wfrun.agent;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code first}, capped at {@code max}, with full jitter (a
 * random point between half the delay and the delay), so agents of a restarted gateway do not all
 * come back at once. {@link #reset()} after a connection that held.
 */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private final DoubleSupplier random;
  private int attempt;

  Backoff(Duration first, Duration max, DoubleSupplier random) {
    this.first = first;
    this.max = max;
    this.random = random;
  }

  /** The delay before the next attempt. */
  Duration next() {
    long base = first.toMillis() << Math.min(attempt, 20);
    long capped = Math.min(base, max.toMillis());
    attempt++;
    return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
  }

  void reset() {
    attempt = 0;
  }
}
