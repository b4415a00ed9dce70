package dev.wfrun.core.workload;

import dev.wfrun.core.access.CallerAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * Who may write Workloads: {@link CallerAccess} for {@code create} (or {@code update}) {@code workloads} in the namespace, so the
 * cluster's own RBAC is the only policy.
 */
public final class WorkloadAccess {
  private final CallerAccess access;

  public WorkloadAccess(KubernetesClient client) {
    this.access = new CallerAccess(client);
  }

  /** Empty when allowed; otherwise the 401 or 403 to answer. */
  public Optional<WorkloadApiResult> check(String authorization, String namespace) {
    return check(authorization, "create", namespace);
  }

  /** As {@link #check(String, String)} for {@code verb workloads}. */
  public Optional<WorkloadApiResult> check(String authorization, String verb, String namespace) {
    CallerAccess.Decision decision = access.check(authorization,
        CallerAccess.Request.of(verb, "openchoreo.dev", "workloads", namespace));
    return decision instanceof CallerAccess.Refused r
        ? Optional.of(WorkloadApiResult.problem(r.status(), r.title(), r.detail())) : Optional.empty();
  }
}
