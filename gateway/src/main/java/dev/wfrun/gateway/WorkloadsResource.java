package dev.wfrun.gateway;

import dev.wfrun.core.workload.WorkloadApi;
import dev.wfrun.core.workload.WorkloadApiResult;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Upstream's current Workload paths, which its {@code generate-workload} step calls:
 * {@code POST /api/v1/namespaces/{ns}/workloads} (409 when it exists) and
 * {@code PUT /api/v1/namespaces/{ns}/workloads/{name}}; beside the seed path of {@link WorkloadResource}.
 */
@Path("/api/v1/namespaces/{namespace}/workloads")
public class WorkloadsResource {
  @Inject WorkloadApi api;

  @ConfigProperty(name = "wfrun.gateway.workload-api.enabled", defaultValue = "true")
  boolean enabled;

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response create(@PathParam("namespace") String namespace,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
    return answer(() -> api.create(authorization, namespace, body == null ? new byte[0] : body));
  }

  @PUT
  @Path("{name}")
  @Consumes(MediaType.WILDCARD)
  public Response replace(@PathParam("namespace") String namespace, @PathParam("name") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
    return answer(() -> api.replace(authorization, namespace, name, body == null ? new byte[0] : body));
  }

  private Response answer(Supplier<WorkloadApiResult> call) {
    return WorkloadResponses.of(enabled, call);
  }
}
