package dev.wfrun.gateway;

import dev.wfrun.core.workload.WorkloadApi;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/v1/namespaces/{ns}/projects/{project}/components/{component}/workloads}: a
 * build's last step hands in the Workload it generated. Bearer token checked by TokenReview and
 * SubjectAccessReview; errors as problem+json. Served only where
 * {@code wfrun.gateway.workload-api.enabled} (its own Knative Service, so the webhook gateway's
 * ServiceAccount never writes anything but WorkflowRuns).
 */
@Path("/api/v1/namespaces/{namespace}/projects/{project}/components/{component}/workloads")
public class WorkloadResource {
  @Inject WorkloadApi api;

  @ConfigProperty(name = "wfrun.gateway.workload-api.enabled", defaultValue = "true")
  boolean enabled;

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response post(@PathParam("namespace") String namespace, @PathParam("project") String project,
      @PathParam("component") String component, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      byte[] body) {
    return WorkloadResponses.of(enabled,
        () -> api.post(authorization, namespace, project, component, body == null ? new byte[0] : body));
  }
}
