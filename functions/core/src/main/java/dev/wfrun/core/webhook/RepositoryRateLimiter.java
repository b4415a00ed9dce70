package dev.wfrun.core.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per repository: {@code burst} deliveries at once, refilled at {@code perSecond}.
 * A delivery over the limit learns how long to wait (HTTP 429 with {@code Retry-After}).
 */
public final class RepositoryRateLimiter {
  private final double perSecond;
  private final double burst;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  /** At most this many repositories are tracked; past it, buckets that have refilled are dropped. */
  static final int MAX_BUCKETS = 10_000;

  private static final class Bucket {
    double tokens;
    long updatedNanos;
  }

  public RepositoryRateLimiter(double perSecond, int burst, Clock clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /** A limiter that never limits. */
  public static RepositoryRateLimiter unlimited() {
    return new RepositoryRateLimiter(Double.POSITIVE_INFINITY, Integer.MAX_VALUE, Clock.systemUTC());
  }

  /** How many repositories are tracked now (bounded by {@link #MAX_BUCKETS}). */
  public int tracked() {
    return buckets.size();
  }

  /**
   * Drops the buckets that are full again (forgetting them changes nothing); when every bucket is
   * still draining, the whole map (a flood of distinct repositories then only resets the limits).
   */
  private void evictRefilled(long now) {
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        double elapsed = Math.max(0, now - e.getValue().updatedNanos) / 1e9;
        return e.getValue().tokens + elapsed * perSecond >= burst;
      }
    });
    if (buckets.size() >= MAX_BUCKETS) {
      buckets.clear();
    }
  }

  /** Zero when the delivery may go on, else how long to wait. */
  public Duration acquire(String repositoryUrl) {
    if (Double.isInfinite(perSecond)) {
      return Duration.ZERO;
    }
    long now = clock.millis() * 1_000_000L;
    if (buckets.size() >= MAX_BUCKETS) {
      evictRefilled(now);
    }
    Bucket bucket = buckets.computeIfAbsent(RepositoryUrls.normalize(repositoryUrl), k -> {
      Bucket b = new Bucket();
      b.tokens = burst;
      b.updatedNanos = now;
      return b;
    });
    synchronized (bucket) {
      double elapsed = Math.max(0, now - bucket.updatedNanos) / 1e9;
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
      bucket.updatedNanos = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Duration.ZERO;
      }
      double wait = (1 - bucket.tokens) / perSecond;
      return Duration.ofMillis((long) Math.ceil(wait * 1000));
    }
  }
}
