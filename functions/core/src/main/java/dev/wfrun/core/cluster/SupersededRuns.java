package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.status.RunLifecycle;
import dev.wfrun.core.status.RunPhase;
import dev.wfrun.core.webhook.RunRequests;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Superseded builds: when a Component opts in (annotation {@value #ANNOTATION}: "true"), a new
 * webhook run for a component and branch stops the older runs of that component and branch that
 * are still unfinished: their engine is told to stop their run object, and they end Failed with reason
 * {@value #REASON}.
 */
public final class SupersededRuns {
  public static final String ANNOTATION = "wfrun.dev/supersede-builds";
  public static final String REASON = "Superseded";

  private final KubernetesClient control;
  private final Runs runs;
  private final RunObjectStopper stopper;
  private final Clock clock;

  public SupersededRuns(KubernetesClient control, BuildPlanes planes, Clock clock) {
    this(control, planes, BuildEngines.standard(), clock);
  }

  public SupersededRuns(KubernetesClient control, BuildPlanes planes, BuildEngines engines, Clock clock) {
    this.control = control;
    this.runs = new Runs(control);
    this.stopper = new RunObjectStopper(new PlaneClients(control, planes), engines);
    this.clock = clock;
  }

  /** Stops what {@code newRun} supersedes; returns how many runs it stopped. */
  public int cancelOlder(WorkflowRun newRun) {
    Map<String, String> labels = newRun.getMetadata().getLabels();
    Map<String, String> annotations = newRun.getMetadata().getAnnotations();
    String component = labels == null ? null : labels.get(OpenChoreo.LABEL_COMPONENT);
    String branch = annotations == null ? null : annotations.get(RunRequests.ANNOTATION_BRANCH);
    String namespace = newRun.getMetadata().getNamespace();
    if (component == null || branch == null || !optedIn(namespace, component)) {
      return 0;
    }
    Instant created = createdAt(newRun);
    int stopped = 0;
    for (WorkflowRun older : control.resources(WorkflowRun.class).inNamespace(namespace)
        .withLabel(OpenChoreo.LABEL_COMPONENT, component).list().getItems()) {
      if (older.getMetadata().getName().equals(newRun.getMetadata().getName()) || Runs.isDeleting(older)) {
        continue;
      }
      Map<String, String> a = older.getMetadata().getAnnotations();
      boolean sameBranch = a != null && branch.equals(a.get(RunRequests.ANNOTATION_BRANCH));
      boolean finished = older.getStatus() != null && RunPhase.isCompleted(older.getStatus().conditions());
      if (!sameBranch || finished || !createdAt(older).isBefore(created)) {
        continue;
      }
      stopper.stop(older, older.getStatus() == null ? null : older.getStatus().runReference(),
          "superseded by " + newRun.getMetadata().getName());
      String now = clock.instant().toString();
      long generation = older.getMetadata().getGeneration() == null ? 1 : older.getMetadata().getGeneration();
      runs.updateStatus(Runs.keyOf(older), s -> RunPhase.isCompleted(s.conditions()) ? s
          : RunLifecycle.fail(s, REASON, "superseded by " + newRun.getMetadata().getName(), generation, now));
      stopped++;
    }
    return stopped;
  }

  private boolean optedIn(String namespace, String component) {
    Component c = control.resources(Component.class).inNamespace(namespace).withName(component).get();
    return c != null && c.getMetadata().getAnnotations() != null
        && "true".equals(c.getMetadata().getAnnotations().get(ANNOTATION));
  }

  /**
   * When the run's push was received (the gateway's annotation, milliseconds), else its creation
   * timestamp (whole seconds); a run with neither counts as newest, so it is never stopped.
   */
  static Instant createdAt(WorkflowRun run) {
    Map<String, String> annotations = run.getMetadata().getAnnotations();
    String received = annotations == null ? null : annotations.get(RunRequests.ANNOTATION_RECEIVED);
    if (received != null) {
      try {
        return Instant.parse(received);
      } catch (java.time.format.DateTimeParseException ignored) {
        // tenant-writable: an unreadable value falls back to the creation timestamp
      }
    }
    String created = run.getMetadata().getCreationTimestamp();
    return created == null ? Instant.MAX : Instant.parse(created);
  }
}
