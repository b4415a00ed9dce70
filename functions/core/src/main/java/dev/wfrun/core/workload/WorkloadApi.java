package dev.wfrun.core.workload;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * {@code POST /api/v1/namespaces/{ns}/projects/{project}/components/{component}/workloads}:
 * authenticate, authorise, then create or update the Component's Workload.
 */
public final class WorkloadApi {
  private final WorkloadAccess access;
  private final WorkloadWriter writer;

  public WorkloadApi(KubernetesClient client) {
    this.access = new WorkloadAccess(client);
    this.writer = new WorkloadWriter(client);
  }

  public WorkloadApiResult post(String authorization, String namespace, String project, String component, byte[] body) {
    return access.check(authorization, namespace)
        .orElseGet(() -> writer.write(namespace, project, component, body));
  }
}
