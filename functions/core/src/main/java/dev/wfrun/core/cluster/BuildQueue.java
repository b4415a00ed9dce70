package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.status.RunPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Component's build queue: annotation {@value #ANNOTATION} (1 to {@value #MAX_CAP}) on a Component caps
 * how many of its runs execute at once. A run holds a slot from the moment a dispatch claims it until it
 * completes or is being deleted; the others wait in the order they were received (the gateway's
 * receive time, else the creation timestamp, then the name). A run may start when every run ahead of it
 * holds a slot and a slot is free, so two dispatches racing for one slot cannot both pass: the one
 * behind sees the one ahead still waiting. Without the annotation (or with a value out of range, which a
 * tenant may write) there is no queue.
 */
public final class BuildQueue {
  public static final String ANNOTATION = "wfrun.dev/max-concurrent-builds";
  public static final int MAX_CAP = 100;

  /** Where a run stands: {@code ahead} runs before it (holding slots or waiting), {@code cap} slots in all. */
  public record Place(String component, int cap, int running, int ahead, boolean mayStart) {
    /** The condition message of a run that waits. */
    public String message() {
      return "queued behind " + ahead + (ahead == 1 ? " run" : " runs") + " of component " + component + " ("
          + running + " of " + cap + (cap == 1 ? " slot" : " slots") + " in use)";
    }
  }

  private final KubernetesClient control;

  public BuildQueue(KubernetesClient control) {
    this.control = control;
  }

  /** The run's place in its Component's queue; empty when the run is no component build or the Component has no cap. */
  public Optional<Place> placeOf(WorkflowRun run) {
    Optional<Lane> lane = laneOf(run);
    if (lane.isEmpty()) {
      return Optional.empty();
    }
    Lane l = lane.get();
    if (holdsSlot(run)) {
      return Optional.of(new Place(l.component(), l.cap(), l.running(), 0, true)); // claimed by an earlier attempt
    }
    List<WorkflowRun> waiting = l.waiting();
    int index = 0;
    while (index < waiting.size() && !waiting.get(index).getMetadata().getName().equals(run.getMetadata().getName())) {
      index++;
    }
    int running = l.running();
    boolean mayStart = running + index < l.cap();
    return Optional.of(new Place(l.component(), l.cap(), running, running + index, mayStart));
  }

  /**
   * The runs of the finished (or deleted) run's Component that may start now, oldest first: as many as
   * there are free slots. Empty when the Component has no cap.
   */
  public List<RunKey> startable(String namespace, String component, String project) {
    Optional<Lane> lane = lane(namespace, component, project);
    if (lane.isEmpty()) {
      return List.of();
    }
    int free = Math.max(0, lane.get().cap() - lane.get().running());
    return lane.get().waiting().stream().limit(free).map(Runs::keyOf).toList();
  }

  /**
   * The places of the runs that wait in the Component's queue, in order (at most {@code max}), as
   * they stand now: what queue-advance writes back so each waiting run names its current place.
   */
  public List<Map.Entry<RunKey, Place>> waiting(String namespace, String component, String project, int max) {
    Optional<Lane> lane = lane(namespace, component, project);
    if (lane.isEmpty()) {
      return List.of();
    }
    Lane l = lane.get();
    List<Map.Entry<RunKey, Place>> places = new ArrayList<>();
    for (int i = 0; i < l.waiting().size() && i < max; i++) {
      int ahead = l.running() + i;
      places.add(Map.entry(Runs.keyOf(l.waiting().get(i)),
          new Place(l.component(), l.cap(), l.running(), ahead, ahead < l.cap())));
    }
    return places;
  }

  /** Whether the run holds a slot of its Component's queue (claimed by a dispatch, not finished, not deleting). */
  static boolean holdsSlot(WorkflowRun run) {
    if (Runs.isDeleting(run) || completed(run)) {
      return false;
    }
    Map<String, String> annotations = run.getMetadata().getAnnotations();
    return run.getStatus() != null && run.getStatus().runReference() != null
        || annotations != null && annotations.containsKey(RenderDispatch.CLAIM_ANNOTATION);
  }

  private static boolean completed(WorkflowRun run) {
    return run.getStatus() != null && RunPhase.isCompleted(run.getStatus().conditions());
  }

  private record Lane(String component, int cap, int running, List<WorkflowRun> waiting) {}

  private Optional<Lane> laneOf(WorkflowRun run) {
    Map<String, String> labels = run.getMetadata().getLabels();
    String component = labels == null ? null : labels.get(OpenChoreo.LABEL_COMPONENT);
    if (component == null) {
      return Optional.empty();
    }
    return lane(run.getMetadata().getNamespace(), component, labels.get(OpenChoreo.LABEL_PROJECT));
  }

  private Optional<Lane> lane(String namespace, String component, String project) {
    Optional<Integer> cap = capOf(namespace, component);
    if (cap.isEmpty()) {
      return Optional.empty();
    }
    int running = 0;
    List<WorkflowRun> waiting = new ArrayList<>();
    for (WorkflowRun r : control.resources(WorkflowRun.class).inNamespace(namespace)
        .withLabel(OpenChoreo.LABEL_COMPONENT, component).list().getItems()) {
      Map<String, String> labels = r.getMetadata().getLabels();
      if (project != null && !project.equals(labels.get(OpenChoreo.LABEL_PROJECT))) {
        continue;
      }
      if (holdsSlot(r)) {
        running++;
      } else if (!Runs.isDeleting(r) && !completed(r)) {
        waiting.add(r);
      }
    }
    waiting.sort(Comparator.comparing(SupersededRuns::createdAt).thenComparing(r -> r.getMetadata().getName()));
    return Optional.of(new Lane(component, cap.get(), running, waiting));
  }

  private Optional<Integer> capOf(String namespace, String component) {
    Component c = control.resources(Component.class).inNamespace(namespace).withName(component).get();
    String value = c == null || c.getMetadata().getAnnotations() == null ? null
        : c.getMetadata().getAnnotations().get(ANNOTATION);
    if (value == null) {
      return Optional.empty();
    }
    try {
      int cap = Integer.parseInt(value.trim());
      return cap >= 1 && cap <= MAX_CAP ? Optional.of(cap) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
