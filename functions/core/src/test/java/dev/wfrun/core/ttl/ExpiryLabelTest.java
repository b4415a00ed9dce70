package dev.wfrun.core.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryLabelTest {
  @Test
  void isTheMinuteTheTtlEndsRoundedUp() {
    String label = ExpiryLabel.of("2026-01-01T00:00:30Z", "1h").orElseThrow();
    assertThat(ExpiryLabel.expiredAfter(label)).contains(Instant.parse("2026-01-01T01:01:00Z"));
  }

  @Test
  void anExactMinuteStaysThatMinute() {
    String label = ExpiryLabel.of("2026-01-01T00:00:00Z", "30m").orElseThrow();
    assertThat(ExpiryLabel.expiredAfter(label)).contains(Instant.parse("2026-01-01T00:30:00Z"));
  }

  @Test
  void noTtlOrNoCompletionGivesNoLabel() {
    assertThat(ExpiryLabel.of("2026-01-01T00:00:00Z", null)).isEmpty();
    assertThat(ExpiryLabel.of(null, "1h")).isEmpty();
    assertThat(ExpiryLabel.of("2026-01-01T00:00:00Z", "soon")).isEmpty();
    assertThat(ExpiryLabel.expiredAfter("not-ours")).isEmpty();
  }
}
