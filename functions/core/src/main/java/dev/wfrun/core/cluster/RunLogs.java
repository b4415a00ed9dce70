package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.engine.TaskLogStream;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's live logs: its engine names the task pods and containers (Argo: the workflow label, the
 * node-name annotation, no {@code wait} or init containers), and each container's log is read from
 * the build plane with timestamps, bounded ({@value #MAX_BYTES_PER_CONTAINER} bytes per container),
 * split into lines. When nothing can be read, the answer says why.
 */
public final class RunLogs {
  public static final int MAX_BYTES_PER_CONTAINER = 2 * 1024 * 1024;
  /** One answer reads at most this much, however many task pods the run has. */
  public static final int MAX_BYTES_TOTAL = 8 * 1024 * 1024;

  /** One line of a task's log: when its container wrote it, and the text. */
  public record Line(String task, String timestamp, String log) {}

  /**
   * The lines, in task order then time, and why lines are missing: none could be read, or the
   * answer reached {@value #MAX_BYTES_TOTAL} bytes (null when nothing is missing).
   */
  public record Logs(List<Line> lines, String unavailable) {}

  private final RunObjectReader reader;
  private final StepLogArchive archive;
  private final ObserverLogs observer;

  public RunLogs(KubernetesClient control, BuildPlanes planes) {
    this(control, planes, null);
  }

  /** @param archive what status-sync kept of failed steps, read when the live logs are gone (null: none) */
  public RunLogs(KubernetesClient control, BuildPlanes planes, StepLogArchive archive) {
    this(control, planes, archive, null);
  }

  /**
   * @param observer the observability plane's archived logs, read first when the live logs are gone
   *     and the run's plane references one (null: never)
   */
  public RunLogs(KubernetesClient control, BuildPlanes planes, StepLogArchive archive, ObserverLogs observer) {
    this.reader = new RunObjectReader(new PlaneClients(control, planes), BuildEngines.standard());
    this.archive = archive;
    this.observer = observer;
  }

  /**
   * @param task only this task's lines (null: every task)
   * @param sinceSeconds only lines written in the last this many seconds (null: all)
   */
  public Logs read(WorkflowRun run, String task, Integer sinceSeconds) {
    return read(run, task, sinceSeconds, java.util.Set.of());
  }

  /** The task containers a follow can stream: the plane they are on and where each log is. */
  public record Live(KubernetesClient plane, List<TaskLogStream> streams) {}

  /** The run's task containers as they are now, for a follow to stream; empty when the run object is gone. */
  public Optional<Live> live(WorkflowRun run, String task) {
    ResourceReference ref = run.getStatus() == null ? null : run.getStatus().runReference();
    if (ref == null) {
      return Optional.empty();
    }
    return reader.read(run, ref).map(r -> new Live(r.plane(), r.engine().logStreams(r.plane(), ref, task)));
  }

  /** The key a follow names a container by in {@code skip}: {@code pod/container}. */
  public static String containerKey(TaskLogStream s) {
    return s.pod() + "/" + s.container();
  }

  /**
   * As {@link #read(WorkflowRun, String, Integer)}, leaving out the containers in {@code skip}
   * ({@link #containerKey}: a follow already streams them).
   */
  public Logs read(WorkflowRun run, String task, Integer sinceSeconds, java.util.Set<String> skip) {
    ResourceReference ref = run.getStatus() == null ? null : run.getStatus().runReference();
    if (ref == null) {
      return new Logs(List.of(), "the run has not been dispatched yet");
    }
    Optional<RunObjectReader.Read> read = reader.read(run, ref);
    if (read.isEmpty()) {
      String gone = "the run's " + ref.kind() + " is gone from its plane, and its pods with it";
      return archived(run, task, gone).orElse(new Logs(List.of(), gone
          + " (or its runReference names no run object of its own); nothing was kept (only failed steps' last"
          + " lines are) and the run's plane references no observability plane"));
    }
    KubernetesClient plane = read.get().plane();
    List<TaskLogStream> streams = read.get().engine().logStreams(plane, ref, task);
    if (streams.isEmpty()) {
      String none = task == null ? "no task has a pod (none started yet, or their pods were collected)"
          : "task \"" + task + "\" has no pod (not started, skipped, collected, or no such task)";
      return archived(run, task, none).orElse(new Logs(List.of(), none));
    }
    List<Line> lines = new ArrayList<>();
    int budget = MAX_BYTES_TOTAL;
    for (TaskLogStream s : streams) {
      if (skip.contains(containerKey(s))) {
        continue;
      }
      if (budget <= 0) {
        return new Logs(lines, "truncated: the answer reached " + MAX_BYTES_TOTAL + " bytes; ask for one task");
      }
      List<Line> container;
      try {
        container = readStream(plane, s, null, sinceSeconds, Math.min(MAX_BYTES_PER_CONTAINER, budget));
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404 || e.getCode() == 400) {
          continue; // the pod went, or its container has not started: nothing to show for it yet
        }
        throw e;
      }
      for (Line line : container) {
        budget -= line.log().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 32;
      }
      lines.addAll(container);
    }
    if (lines.isEmpty()) {
      Optional<Logs> kept = archived(run, task, "the task pods have written nothing");
      if (kept.isPresent()) {
        return kept.get();
      }
    }
    return new Logs(lines, lines.isEmpty() ? "the task pods have written nothing yet" : null);
  }

  /** Splits a log line as the kubelet writes it with timestamps ({@code <RFC 3339> <text>}). */
  public static Line line(String task, String raw) {
    int space = raw.indexOf(' ');
    boolean stamped = space > 0 && Character.isDigit(raw.charAt(0));
    return new Line(task, stamped ? raw.substring(0, space) : null, stamped ? raw.substring(space + 1) : raw);
  }

  /** One container's log with timestamps, split into lines: its last {@code tail} lines (null: all). */
  static List<Line> readStream(KubernetesClient plane, TaskLogStream s, Integer tail, Integer sinceSeconds,
      int limitBytes) {
    var log = plane.pods().inNamespace(s.namespace()).withName(s.pod()).inContainer(s.container())
        .usingTimestamps().limitBytes(limitBytes);
    String text;
    if (tail != null) {
      text = log.tailingLines(tail).getLog();
    } else {
      text = sinceSeconds == null ? log.getLog() : log.sinceSeconds(sinceSeconds).getLog();
    }
    List<Line> lines = new ArrayList<>();
    for (String raw : text.split("\n")) {
      if (raw.isEmpty()) {
        continue;
      }
      lines.add(line(s.task(), raw));
    }
    return lines;
  }

  /**
   * Where the lines are once the live logs are gone: the observability plane's observer when the
   * run's plane references one, else what status-sync kept of the failed steps; the answer says which,
   * or why there is nothing. Empty when there is nothing.
   */
  private Optional<Logs> archived(WorkflowRun run, String task, String whyNotLive) {
    String observerProblem = null;
    if (observer != null) {
      Optional<java.net.URI> url = observer.observerOf(run);
      if (url.isPresent()) {
        ObserverLogs.Answer answer = observer.query(url.get(), run, task, java.time.Instant.now());
        if (!answer.lines().isEmpty()) {
          return Optional.of(new Logs(answer.lines(), whyNotLive + "; these are the observability plane's ("
              + url.get() + ")"));
        }
        observerProblem = answer.problem() != null ? answer.problem()
            : "the observability plane (" + url.get() + ") has none";
      }
    }
    if (archive != null) {
      RunKey key = new RunKey(run.getMetadata().getNamespace(), run.getMetadata().getName());
      Optional<List<Line>> kept = archive.read(key, task).filter(lines -> !lines.isEmpty());
      if (kept.isPresent()) {
        return Optional.of(new Logs(kept.get(), whyNotLive + "; these are the last " + StepLogArchive.LINES_PER_STEP
            + " lines of each failed step, kept when it failed"));
      }
    }
    return observerProblem == null ? Optional.empty()
        : Optional.of(new Logs(List.of(), whyNotLive + "; " + observerProblem));
  }
}
