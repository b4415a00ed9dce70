package dev.wfrun.dev.eventing;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The PingSources of {@code knative/}: each fires {@code dev.knative.sources.ping} on its cron
 * schedule with its data and {@code ceOverrides} extensions. A speed-up runs the schedules faster
 * (60: a once-a-minute schedule fires every second), so TTL and resync can be watched locally.
 */
public final class PingSources implements AutoCloseable {
  private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "wfrun-dev-ping");
    t.setDaemon(true);
    return t;
  });
  private final ZonedDateTime realStart = ZonedDateTime.now(ZoneOffset.UTC);
  private final double speedUp;

  public PingSources(List<KnativeManifests.PingSource> sources, double speedUp, Consumer<LocalEvent> sink) {
    if (speedUp <= 0) {
      throw new IllegalArgumentException("--ping-speedup: must be greater than 0, got " + speedUp);
    }
    this.speedUp = speedUp;
    for (KnativeManifests.PingSource source : sources) {
      ExecutionTime schedule;
      try {
        schedule = ExecutionTime.forCron(CRON.parse(source.schedule()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("PingSource " + source.name() + ": schedule \"" + source.schedule()
            + "\" is not a cron expression: " + e.getMessage(), e);
      }
      scheduleNext(source, schedule, sink, null);
    }
  }

  /** Schedule time runs {@code speedUp} times faster than the wall clock. */
  private ZonedDateTime scheduleNow() {
    long elapsed = Duration.between(realStart, ZonedDateTime.now(ZoneOffset.UTC)).toMillis();
    return realStart.plus(Duration.ofMillis((long) (elapsed * speedUp)));
  }

  /**
   * Fires once for the next slot, then schedules the slot after it. The slot, not the clock, says
   * what comes next: a timer that wakes a millisecond early must not fire the same slot again.
   */
  private void scheduleNext(KnativeManifests.PingSource source, ExecutionTime schedule, Consumer<LocalEvent> sink,
      ZonedDateTime lastFired) {
    ZonedDateTime now = scheduleNow();
    ZonedDateTime slot = nextSlot(schedule, now, lastFired);
    long realWait = Math.max(1, (long) (Duration.between(now, slot).toMillis() / speedUp));
    timer.schedule(() -> {
      sink.accept(event(source));
      scheduleNext(source, schedule, sink, slot);
    }, realWait, TimeUnit.MILLISECONDS);
  }

  /** The first slot after both the schedule clock and the slot that fired last. */
  static ZonedDateTime nextSlot(ExecutionTime schedule, ZonedDateTime now, ZonedDateTime lastFired) {
    ZonedDateTime from = lastFired != null && !lastFired.isBefore(now) ? lastFired : now;
    return schedule.nextExecution(from).orElse(from.plusMinutes(1));
  }

  static LocalEvent event(KnativeManifests.PingSource source) {
    Map<String, String> extensions = new LinkedHashMap<>(source.extensions());
    extensions.put("datacontenttype", source.contentType());
    return LocalEvent.json(dev.wfrun.core.events.CloudEventTypes.PING,
        "/apis/v1/namespaces/" + source.namespace() + "/pingsources/" + source.name(), extensions,
        source.data().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
