package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import dev.wfrun.core.status.RunStatusMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.wfrun.core.kube.Conflicts;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** WorkflowRuns in the control plane: read fresh, write status and metadata with conflict retries. */
final class Runs {
  private final KubernetesClient client;

  Runs(KubernetesClient client) {
    this.client = client;
  }

  WorkflowRun get(RunKey key) {
    return client.resources(WorkflowRun.class).inNamespace(key.namespace()).withName(key.name()).get();
  }

  /**
   * Writes the status {@code change} computes from the current object, through the status
   * subresource; re-reads and recomputes on a conflict. True when something was written.
   */
  boolean updateStatus(RunKey key, UnaryOperator<WorkflowRunStatus> change) {
    return Conflicts.retry(() -> {
      WorkflowRun run = get(key);
      if (run == null) {
        return false;
      }
      WorkflowRunStatus current = run.getStatus() == null ? WorkflowRunStatus.empty() : run.getStatus();
      WorkflowRunStatus next = RunStatusMapper.withPhase(change.apply(current));
      if (Objects.equals(current, next)) {
        return false;
      }
      run.setStatus(next);
      try {
        client.resources(WorkflowRun.class).inNamespace(key.namespace()).resource(run).updateStatus();
      } catch (KubernetesClientException e) {
        if (Conflicts.isNotFound(e)) {
          return false; // deleted since it was read, as when get() finds nothing
        }
        throw e;
      }
      return true;
    });
  }

  /**
   * Updates metadata or spec through the main resource (optimistic locking on resourceVersion);
   * null when the run is gone, also when it went between the read and the write (another
   * finalize removing the last finalizer, say).
   */
  WorkflowRun update(RunKey key, UnaryOperator<WorkflowRun> change) {
    return Conflicts.retry(() -> {
      WorkflowRun run = get(key);
      if (run == null) {
        return null;
      }
      WorkflowRun changed = change.apply(run);
      if (changed == null) {
        return run;
      }
      try {
        return client.resources(WorkflowRun.class).inNamespace(key.namespace()).resource(changed).update();
      } catch (KubernetesClientException e) {
        if (Conflicts.isNotFound(e)) {
          return null;
        }
        throw e;
      }
    });
  }

  static RunKey keyOf(WorkflowRun run) {
    return new RunKey(run.getMetadata().getNamespace(), run.getMetadata().getName());
  }

  static boolean isDeleting(WorkflowRun run) {
    return run.getMetadata().getDeletionTimestamp() != null;
  }
}
