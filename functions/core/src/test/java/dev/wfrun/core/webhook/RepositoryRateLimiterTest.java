package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RepositoryRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RepositoryRateLimiter limiter = new RepositoryRateLimiter(2, 3, clock);

  @Test
  void aBurstPassesThenDeliveriesWaitForTheRefill() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("https://github.com/org/repo")).isZero();
    }
    assertThat(limiter.acquire("git@github.com:org/repo.git")).as("the same repository in another form")
        .isEqualTo(Duration.ofMillis(500));
    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.acquire("https://github.com/org/repo")).isZero();
  }

  @Test
  void repositoriesAreLimitedSeparately() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("https://github.com/org/a");
    }
    assertThat(limiter.acquire("https://github.com/org/a")).isPositive();
    assertThat(limiter.acquire("https://github.com/org/b")).isZero();
  }
}
