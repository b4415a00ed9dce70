package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.ttl.Expiry;
import dev.wfrun.core.ttl.ExpiryLabel;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ttl-cleanup: on each tick, pages through WorkflowRuns (500 a page, continue tokens) and deletes
 * those whose {@code completedAt + ttlAfterCompletion} has passed, at most a bounded number per
 * tick (the next tick takes the rest). Deletion hands the run to its finalizer. An unparsable TTL
 * is ignored, as upstream does.
 *
 * <p>Runs that status-sync labelled with their expiry minute ({@link ExpiryLabel}) are deleted a
 * minute at a time, with one collection DELETE per namespace and minute, when every run carrying
 * that label has expired by its current TTL; all others one by one.
 */
public final class TtlCleanup {
  static final long PAGE_SIZE = 500;

  /**
   * What one tick did.
   *
   * @param collectionDeletes how many collection DELETEs (one per namespace and expiry minute) it took
   */
  public record Report(int scanned, int deleted, boolean limitReached, int collectionDeletes) {}

  /** The runs of one namespace carrying one expiry label. */
  private static final class Minute {
    final List<String> expired = new ArrayList<>();
    boolean allExpired = true;
  }

  private record Key(String namespace, String label) {}

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
    Map<Key, Minute> minutes = new LinkedHashMap<>();
    List<RunKey> singles = new ArrayList<>();
    String page = null;
    do {
      KubernetesResourceList<WorkflowRun> list = control.resources(WorkflowRun.class).inAnyNamespace()
          .list(new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(page).build());
      for (WorkflowRun run : list.getItems()) {
        scanned++;
        classify(run, now, minutes, singles);
      }
      page = list.getMetadata() == null ? null : list.getMetadata().getContinue();
    } while (page != null && !page.isEmpty());

    int deleted = 0;
    int collections = 0;
    for (Map.Entry<Key, Minute> e : minutes.entrySet()) {
      Minute minute = e.getValue();
      boolean whole = minute.allExpired && ExpiryLabel.expiredAfter(e.getKey().label())
          .map(end -> !now.isBefore(end)).orElse(false);
      if (whole && !minute.expired.isEmpty() && deleted + minute.expired.size() <= maxDeletionsPerTick) {
        control.resources(WorkflowRun.class).inNamespace(e.getKey().namespace())
            .withLabel(ExpiryLabel.KEY, e.getKey().label()).delete();
        deleted += minute.expired.size();
        collections++;
      } else {
        minute.expired.forEach(name -> singles.add(new RunKey(e.getKey().namespace(), name)));
      }
    }
    for (RunKey run : singles) {
      if (deleted >= maxDeletionsPerTick) {
        return new Report(scanned, deleted, true, collections);
      }
      control.resources(WorkflowRun.class).inNamespace(run.namespace()).withName(run.name()).delete();
      deleted++;
    }
    return new Report(scanned, deleted, false, collections);
  }

  private static void classify(WorkflowRun run, Instant now, Map<Key, Minute> minutes, List<RunKey> singles) {
    String label = run.getMetadata().getLabels() == null ? null : run.getMetadata().getLabels().get(ExpiryLabel.KEY);
    Minute minute = label == null ? null
        : minutes.computeIfAbsent(new Key(run.getMetadata().getNamespace(), label), k -> new Minute());
    if (Runs.isDeleting(run)) {
      return; // already on its way; a collection DELETE passes over it harmlessly
    }
    Expiry expiry = run.getStatus() == null || run.getSpec() == null ? new Expiry.Never("no status")
        : Expiry.of(run.getStatus().completedAt(), run.getSpec().ttlAfterCompletion(), now);
    boolean expired = expiry instanceof Expiry.Delete;
    boolean labelHolds = expiry instanceof Expiry.Delete delete && ExpiryLabel.of(delete.at()).equals(label);
    if (minute != null) {
      if (labelHolds) {
        minute.expired.add(run.getMetadata().getName());
        return;
      }
      minute.allExpired = false; // kept, or its TTL changed since it was labelled
    }
    if (expired) {
      singles.add(new RunKey(run.getMetadata().getNamespace(), run.getMetadata().getName()));
    }
  }
}
