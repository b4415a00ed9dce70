package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import dev.wfrun.core.ttl.Expiry;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;

/**
 * ttl-cleanup: on each tick, pages through WorkflowRuns (500 a page, continue tokens) and deletes
 * those whose {@code completedAt + ttlAfterCompletion} has passed, at most a bounded number per
 * tick (the next tick takes the rest). Deletion hands the run to its finalizer. An unparsable TTL
 * is ignored, as upstream does.
 */
public final class TtlCleanup {
  static final long PAGE_SIZE = 500;

  /** What one tick did. */
  public record Report(int scanned, int deleted, boolean limitReached) {}

  private final KubernetesClient control;
  private final Clock clock;
  private final int maxDeletionsPerTick;

  public TtlCleanup(KubernetesClient control, Clock clock, int maxDeletionsPerTick) {
    this.control = control;
    this.clock = clock;
    this.maxDeletionsPerTick = maxDeletionsPerTick;
  }

  public Report tick() {
    Instant now = clock.instant();
    int scanned = 0;
    int deleted = 0;
    String page = null;
    do {
      KubernetesResourceList<WorkflowRun> list = control.resources(WorkflowRun.class).inAnyNamespace()
          .list(new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(page).build());
      for (WorkflowRun run : list.getItems()) {
        scanned++;
        if (Runs.isDeleting(run) || run.getStatus() == null || run.getSpec() == null) {
          continue;
        }
        if (Expiry.of(run.getStatus().completedAt(), run.getSpec().ttlAfterCompletion(), now) instanceof Expiry.Delete) {
          control.resources(WorkflowRun.class).inNamespace(run.getMetadata().getNamespace())
              .withName(run.getMetadata().getName()).delete();
          if (++deleted >= maxDeletionsPerTick) {
            return new Report(scanned, deleted, true);
          }
        }
      }
      page = list.getMetadata() == null ? null : list.getMetadata().getContinue();
    } while (page != null && !page.isEmpty());
    return new Report(scanned, deleted, false);
  }
}
