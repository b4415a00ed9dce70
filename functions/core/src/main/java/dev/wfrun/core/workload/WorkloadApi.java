package dev.wfrun.core.workload;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The Workload API: the seed path {@code POST /api/v1/namespaces/{ns}/projects/{project}/components/{component}/workloads}
 * (create or update the Component's Workload) and upstream's current {@code POST /api/v1/namespaces/{ns}/workloads}
 * and {@code PUT .../workloads/{name}}: authenticate, authorise ({@code create} or {@code update workloads}), then write.
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

  /** A Workload, for whoever may get Workloads in the namespace (the console shows a build's); 404 when there is none. */
  public WorkloadApiResult get(String authorization, String namespace, String name) {
    return badName(namespace, name).or(() -> access.check(authorization, "get", namespace)).orElseGet(() -> {
      dev.wfrun.api.v1alpha1.Workload found = writer.read(namespace, name);
      return found == null ? WorkloadApiResult.problem(404, "Not Found", "Workload " + namespace + "/" + name
          + " not found") : new WorkloadApiResult(200, "OK", "found", found);
    });
  }

  /** {@code POST /api/v1/namespaces/{ns}/workloads}: 201, or 409 when it exists. */
  public WorkloadApiResult create(String authorization, String namespace, byte[] body) {
    return badName(namespace, null).or(() -> access.check(authorization, "create", namespace))
        .orElseGet(() -> writer.create(namespace, body));
  }

  /** {@code PUT /api/v1/namespaces/{ns}/workloads/{name}}: 200, or 404 when there is none. */
  public WorkloadApiResult replace(String authorization, String namespace, String name, byte[] body) {
    return badName(namespace, name).or(() -> access.check(authorization, "update", namespace))
        .orElseGet(() -> writer.replace(namespace, name, body));
  }

  private static java.util.Optional<WorkloadApiResult> badName(String namespace, String name) {
    return dev.wfrun.core.naming.NameRules.namespaceProblem(namespace)
        .map(p -> WorkloadApiResult.problem(400, "Bad Request", "namespace: " + p))
        .or(() -> name == null ? java.util.Optional.empty() : dev.wfrun.core.naming.NameRules.objectNameProblem(name)
            .map(p -> WorkloadApiResult.problem(400, "Bad Request", "name: " + p)));
  }
}
