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

  public RunLogs(KubernetesClient control, BuildPlanes planes) {
    this.reader = new RunObjectReader(new PlaneClients(control, planes), BuildEngines.standard());
  }

  /**
   * @param task only this task's lines (null: every task)
   * @param sinceSeconds only lines written in the last this many seconds (null: all)
   */
  public Logs read(WorkflowRun run, String task, Integer sinceSeconds) {
    ResourceReference ref = run.getStatus() == null ? null : run.getStatus().runReference();
    if (ref == null) {
      return new Logs(List.of(), "the run has not been dispatched yet");
    }
    Optional<RunObjectReader.Read> read = reader.read(run, ref);
    if (read.isEmpty()) {
      return new Logs(List.of(), "the run's " + ref.kind() + " is gone from its plane, and its pods with it"
          + " (or its runReference names no run object of its own)");
    }
    KubernetesClient plane = read.get().plane();
    List<TaskLogStream> streams = read.get().engine().logStreams(plane, ref, task);
    if (streams.isEmpty()) {
      return new Logs(List.of(), task == null ? "no task has started a pod yet"
          : "task \"" + task + "\" has no pod (not started, skipped, or no such task)");
    }
    List<Line> lines = new ArrayList<>();
    int budget = MAX_BYTES_TOTAL;
    for (TaskLogStream s : streams) {
      if (budget <= 0) {
        return new Logs(lines, "truncated: the answer reached " + MAX_BYTES_TOTAL + " bytes; ask for one task");
      }
      String text;
      try {
        var log = plane.pods().inNamespace(s.namespace()).withName(s.pod()).inContainer(s.container())
            .usingTimestamps().limitBytes(Math.min(MAX_BYTES_PER_CONTAINER, budget));
        text = sinceSeconds == null ? log.getLog() : log.sinceSeconds(sinceSeconds).getLog();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404 || e.getCode() == 400) {
          continue; // the pod went, or its container has not started: nothing to show for it yet
        }
        throw e;
      }
      budget -= text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      for (String raw : text.split("\n")) {
        if (raw.isEmpty()) {
          continue;
        }
        int space = raw.indexOf(' ');
        boolean stamped = space > 0 && Character.isDigit(raw.charAt(0));
        lines.add(new Line(s.task(), stamped ? raw.substring(0, space) : null, stamped ? raw.substring(space + 1) : raw));
      }
    }
    return new Logs(lines, lines.isEmpty() ? "the task pods have written nothing yet" : null);
  }
}
