package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.engine.TaskLogStream;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes Events of a run's task pods (scheduling, image pulls, OOM kills, ...), read from its
 * build plane: the pods its engine names, the events of their namespace whose involved object is one
 * of them, oldest first; at most {@value #MAX_EVENTS_READ} events of the namespace are looked at.
 */
public final class RunEvents {
  static final int MAX_EVENTS_READ = 2000;
  private static final int PAGE = 500;

  /** One event, with the task of the pod it is about. */
  public record RunEvent(String task, String timestamp, String type, String reason, String message) {}

  /** The events, and why there are none when there are none (null otherwise). */
  public record Events(List<RunEvent> events, String unavailable) {}

  private final RunObjectReader reader;

  public RunEvents(KubernetesClient control, BuildPlanes planes) {
    this.reader = new RunObjectReader(new PlaneClients(control, planes), BuildEngines.standard());
  }

  /** @param task only this task's pods (null: every task) */
  public Events read(WorkflowRun run, String task) {
    ResourceReference ref = run.getStatus() == null ? null : run.getStatus().runReference();
    if (ref == null) {
      return new Events(List.of(), "the run has not been dispatched yet");
    }
    Optional<RunObjectReader.Read> read = reader.read(run, ref);
    if (read.isEmpty()) {
      return new Events(List.of(), "the run's " + ref.kind() + " is gone from its plane, and its pods' events with it");
    }
    KubernetesClient plane = read.get().plane();
    Map<String, String> taskOfPod = new LinkedHashMap<>();
    String namespace = null;
    for (TaskLogStream s : read.get().engine().logStreams(plane, ref, task)) {
      taskOfPod.putIfAbsent(s.pod(), s.task());
      namespace = s.namespace();
    }
    if (taskOfPod.isEmpty()) {
      return new Events(List.of(), task == null ? "no task has started a pod yet"
          : "task \"" + task + "\" has no pod (not started, skipped, or no such task)");
    }
    List<RunEvent> events = new ArrayList<>();
    String cursor = null;
    int looked = 0;
    do {
      EventList page = plane.v1().events().inNamespace(namespace)
          .list(new ListOptionsBuilder().withLimit((long) PAGE).withContinue(cursor).build());
      for (Event e : page.getItems()) {
        String pod = e.getInvolvedObject() == null || !"Pod".equals(e.getInvolvedObject().getKind()) ? null
            : e.getInvolvedObject().getName();
        if (pod != null && taskOfPod.containsKey(pod)) {
          events.add(new RunEvent(taskOfPod.get(pod), timeOf(e), e.getType(), e.getReason(), e.getMessage()));
        }
      }
      looked += page.getItems().size();
      cursor = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (cursor != null && !cursor.isEmpty() && looked < MAX_EVENTS_READ);
    events.sort(Comparator.comparing(e -> e.timestamp() == null ? "" : e.timestamp()));
    return new Events(events, events.isEmpty() ? "the task pods have no events (Kubernetes keeps them about an hour)"
        : null);
  }

  private static String timeOf(Event e) {
    if (e.getLastTimestamp() != null) {
      return e.getLastTimestamp();
    }
    if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
      return e.getEventTime().getTime();
    }
    return e.getFirstTimestamp();
  }
}
