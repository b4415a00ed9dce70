package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.status.RunPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Follows a run's step logs: reads them through {@link RunLogs} every {@code poll}, from the oldest
 * task's last timestamp on, and hands on only lines not handed on before (per task: newer than its last
 * timestamp, or at it and not yet seen), so nothing is lost or doubled between reads. Works through every
 * plane connection (direct, kubeconfig, any cluster agent); with streaming, each container's log is also
 * followed as the kubelet streams it ({@link LogStreams}), so a line arrives as it is written. Ends when the
 * run has completed (after one last read), when the sink refuses a line (the caller went away), or after
 * {@code limit}.
 */
public final class RunLogFollow {
  /** Why a follow ended. */
  public enum End { RUN_COMPLETED, RUN_GONE, CALLER_GONE, LIMIT_REACHED, PLANE_FAILING }

  /** A follow gives up after this many reads in a row that failed (the plane or its connection is down). */
  static final int MAX_FAILED_READS = 5;

  /** How far each read reaches back before the oldest task's last line. */
  static final int CLOCK_MARGIN_SECONDS = 10;
  /** How often a streaming follow looks for task containers that started (two API calls each look). */
  static final Duration DISCOVER_EVERY = Duration.ofMillis(300);

  private final Runs runs;
  private final RunLogs logs;
  private final Clock clock;
  private final Duration poll;
  private final Duration limit;
  private final Consumer<Duration> pause;
  private final boolean streaming;

  /**
   * Reads only, every {@code poll}.
   *
   * @param pause waits between reads ({@code Thread::sleep} in service; tests step a fake plane instead)
   */
  public RunLogFollow(KubernetesClient control, RunLogs logs, Clock clock, Duration poll, Duration limit,
      Consumer<Duration> pause) {
    this(control, logs, clock, poll, limit, pause, false);
  }

  /**
   * @param streaming also follow each task container's log as the kubelet streams it ({@code follow=true},
   *     through an agent only with wfrun's stream extension), so lines arrive as written; the reads every
   *     {@code poll} still run, for containers whose stream ended or could not start
   */
  public RunLogFollow(KubernetesClient control, RunLogs logs, Clock clock, Duration poll, Duration limit,
      Consumer<Duration> pause, boolean streaming) {
    this.streaming = streaming;
    this.runs = new Runs(control);
    this.logs = logs;
    this.clock = clock;
    this.poll = poll;
    this.limit = limit;
    this.pause = pause;
  }

  /** The wait that sleeps, for services. */
  public static Consumer<Duration> sleeping() {
    return d -> {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /**
   * @param task only this task (null: every task)
   * @param sinceSeconds the first read's window (null: the whole log)
   * @param sink takes each new line; false when the caller is gone
   */
  public End follow(RunKey key, String task, Integer sinceSeconds, Predicate<RunLogs.Line> sink) {
    Instant deadline = clock.instant().plus(limit);
    Map<String, Instant> last = new HashMap<>();
    Map<String, Set<String>> seenAtLast = new HashMap<>();
    Predicate<RunLogs.Line> once = line -> !isNew(line, last, seenAtLast) || sink.test(line);
    Integer window = sinceSeconds;
    int failedReads = 0;
    try (LogStreams streams = streaming ? new LogStreams(sinceSeconds) : null) {
      while (true) {
        WorkflowRun run = runs.get(key);
        if (run == null) {
          return End.RUN_GONE;
        }
        boolean completed = run.getStatus() != null && RunPhase.isCompleted(run.getStatus().conditions());
        if (streams != null && !completed) {
          discover(run, task, streams);
        }
        Instant readAt = clock.instant();
        Set<String> streamed = streams == null ? Set.of() : streams.active();
        List<RunLogs.Line> read;
        try {
          read = logs.read(run, task, window, streamed).lines();
          failedReads = 0;
        } catch (RuntimeException e) {
          // a dropped connection or a busy plane: the next read catches up (the window reaches back)
          if (++failedReads >= MAX_FAILED_READS) {
            return End.PLANE_FAILING;
          }
          read = List.of();
        }
        for (RunLogs.Line line : read) {
          if (!once.test(line)) {
            return End.CALLER_GONE;
          }
        }
        if (streams != null && !streams.drain(once)) {
          return End.CALLER_GONE;
        }
        if (completed) {
          return End.RUN_COMPLETED;
        }
        if (!clock.instant().isBefore(deadline)) {
          return End.LIMIT_REACHED;
        }
        window = windowFrom(last, readAt, sinceSeconds);
        if (streams == null) {
          pause.accept(poll);
        } else if (!streams.deliverFor(poll, once, () -> discover(run, task, streams), DISCOVER_EVERY)) {
          return End.CALLER_GONE;
        }
      }
    }
  }

  /** Streams the containers of tasks that started since the last look (a plane that fails is looked at again later). */
  private void discover(WorkflowRun run, String task, LogStreams streams) {
    try {
      logs.live(run, task).ifPresent(streams::open);
    } catch (RuntimeException e) {
      // the next look, or the next read, tries again
    }
  }

  /** Whether the line was not handed on yet; records it. A line without a timestamp is always new. */
  private static boolean isNew(RunLogs.Line line, Map<String, Instant> last, Map<String, Set<String>> seenAtLast) {
    Instant at;
    try {
      at = line.timestamp() == null ? null : Instant.parse(line.timestamp());
    } catch (DateTimeParseException e) {
      at = null;
    }
    if (at == null) {
      return true;
    }
    Instant before = last.get(line.task());
    if (before != null && at.isBefore(before)) {
      return false;
    }
    if (before == null || at.isAfter(before)) {
      last.put(line.task(), at);
      seenAtLast.put(line.task(), new HashSet<>());
    }
    return seenAtLast.get(line.task()).add(line.log());
  }

  /**
   * The next read's window: back to the oldest task's last line, with a margin for the kubelet's whole-second window and a plane clock
   * ahead of this one (lines read twice are dropped); the first window again while no line was seen.
   */
  private static Integer windowFrom(Map<String, Instant> last, Instant now, Integer first) {
    if (last.isEmpty()) {
      return first;
    }
    Instant oldest = last.values().stream().min(Instant::compareTo).orElseThrow();
    long seconds = Duration.between(oldest, now).getSeconds() + CLOCK_MARGIN_SECONDS;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
  }
}
