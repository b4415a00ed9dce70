package dev.wfrun.gateway;

import dev.wfrun.core.workload.WorkloadApiResult;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * A Workload API answer as HTTP: 404 where the API is not served, problem+json for a problem or a
 * failed API server (503, retry), else the Workload as JSON.
 */
final class WorkloadResponses {
  private WorkloadResponses() {}

  static Response of(boolean enabled, Supplier<WorkloadApiResult> call) {
    if (!enabled) {
      return Problems.of(404, "Not Found", "the Workload API is not served here (wfrun.gateway.workload-api.enabled=false)");
    }
    WorkloadApiResult result;
    try {
      result = call.get();
    } catch (KubernetesClientException e) {
      return Problems.of(503, "API server unavailable", "the API server failed: " + e.getCode() + "; retry");
    }
    if (!result.ok()) {
      return Problems.of(result.status(), result.title(), result.detail());
    }
    return Response.status(result.status()).type(MediaType.APPLICATION_JSON)
        .entity(Serialization.asJson(result.workload())).build();
  }
}
