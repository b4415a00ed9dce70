package dev.wfrun.dev.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PingSourcesTest {
  private static KnativeManifests.PingSource every(String schedule) {
    return new KnativeManifests.PingSource("tick", "wfrun-system", schedule, "application/json", "{}",
        Map.of("wfruntask", "resync"));
  }

  @Test
  void aSpedUpScheduleFiresOften() throws Exception {
    BlockingQueue<LocalEvent> ticks = new LinkedBlockingQueue<>();
    // every minute, 600x faster: every 100 ms
    try (PingSources pings = new PingSources(List.of(every("* * * * *")), 600, ticks::add)) {
      LocalEvent first = ticks.poll(3, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.type()).isEqualTo("dev.knative.sources.ping");
      assertThat(first.get("source")).isEqualTo("/apis/v1/namespaces/wfrun-system/pingsources/tick");
      assertThat(first.get("wfruntask")).isEqualTo("resync");
      assertThat(ticks.poll(3, TimeUnit.SECONDS)).as("a second tick").isNotNull();
    }
  }

  @Test
  void aBrokenScheduleIsNamed() {
    assertThatThrownBy(() -> new PingSources(List.of(every("every minute")), 1, e -> { }))
        .hasMessageStartingWith("PingSource tick: schedule \"every minute\" is not a cron expression");
  }

  @Test
  void aTimerThatWakesEarlyDoesNotFireTheSameSlotTwice() {
    com.cronutils.model.time.ExecutionTime minutely = com.cronutils.model.time.ExecutionTime.forCron(
        new com.cronutils.parser.CronParser(com.cronutils.model.definition.CronDefinitionBuilder
            .instanceDefinitionFor(com.cronutils.model.CronType.UNIX)).parse("* * * * *"));
    java.time.ZonedDateTime slot = java.time.ZonedDateTime.parse("2026-12-01T10:05:00Z");
    java.time.ZonedDateTime early = slot.minusNanos(1_000_000);
    assertThat(PingSources.nextSlot(minutely, early, null)).isEqualTo(slot);
    assertThat(PingSources.nextSlot(minutely, early, slot)).as("after firing 10:05 a millisecond early")
        .isEqualTo(slot.plusMinutes(1));
    assertThat(PingSources.nextSlot(minutely, slot.plusSeconds(3), slot)).isEqualTo(slot.plusMinutes(1));
  }
}
