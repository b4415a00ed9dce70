package dev.wfrun.core.ttl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TtlDurationTest {

  @Test
  void parsesEachUnitAndTheirCombinations() {
    assertThat(TtlDuration.parse("90d")).contains(Duration.ofDays(90));
    assertThat(TtlDuration.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(TtlDuration.parse("1d12h30m15s")).contains(Duration.parse("PT36H30M15S"));
    assertThat(TtlDuration.parse("45s")).contains(Duration.ofSeconds(45));
  }

  @Test
  void emptyOrMissingMeansKeepForever() {
    assertThat(TtlDuration.parse("")).isEmpty();
    assertThat(TtlDuration.parse(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1h30", "-5m", "1m1h", "1 h", "5", "1w", "1.5h"})
  void rejectsMalformedTtlNamingTheValue(String ttl) {
    assertThatThrownBy(() -> TtlDuration.parse(ttl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid ttlAfterCompletion \"" + ttl + "\"")
        .hasMessageContaining("1h30m");
  }

  @Test
  void theParserAcceptsExactlyWhatTheCrdPatternAccepts() {
    for (String ttl : new String[] {"1d", "2h", "3m", "4s", "1d2h", "1d2h3m4s", "10h5s"}) {
      assertThat(ttl).matches(TtlDuration.PATTERN);
      assertThat(TtlDuration.parse(ttl)).isPresent();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999d", "9223372036854775807s", "36501d", "36500d1s"})
  void refusesATtlTooLargeToRepresent(String ttl) {
    assertThatThrownBy(() -> TtlDuration.parse(ttl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid ttlAfterCompletion \"" + ttl + "\": too large (at most 36500d)");
  }

  @Test
  void aHundredYearsIsTheLongestTtl() {
    assertThat(TtlDuration.parse("36500d")).contains(TtlDuration.MAX);
  }
}
