package dev.wfrun.gateway;

import dev.wfrun.core.runapi.RunApiAnswer;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * A run API answer as HTTP: 404 where the run API is not served ({@code wfrun.gateway.workload-api.enabled}),
 * problem+json for a problem or a failed API server (503, retry), else the JSON body with its headers.
 */
final class RunApiResponses {
  private RunApiResponses() {}

  static Response of(boolean enabled, Supplier<RunApiAnswer> call) {
    if (!enabled) {
      return Problems.of(404, "Not Found", "the run API is not served here (wfrun.gateway.workload-api.enabled=false)");
    }
    RunApiAnswer answer;
    try {
      answer = call.get();
    } catch (KubernetesClientException e) {
      return Problems.of(503, "API server unavailable", "the API server failed: " + e.getCode() + "; retry");
    }
    if (answer.isProblem()) {
      return Problems.of(answer.status(), answer.title(), answer.detail());
    }
    if (answer.body() == null) {
      return Response.status(answer.status()).build();
    }
    Response.ResponseBuilder response = Response.status(answer.status()).type(MediaType.APPLICATION_JSON)
        .entity(answer.body().toString());
    answer.headers().forEach(response::header);
    return response.build();
  }
}
