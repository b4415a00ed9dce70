package dev.wfrun.gateway;

import dev.wfrun.core.runapi.RunApi;
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
 * {@code POST /api/v1/namespaces/{ns}/projects/{p}/components/{c}/workflowruns}: build a Component
 * now (optional {@code {"commit":"<sha>"}}), for the caller's token as the cluster's RBAC allows it.
 * Served with the run API, never by the webhook gateway.
 */
@Path("/api/v1/namespaces/{namespace}/projects/{project}/components/{component}/workflowruns")
public class ComponentBuildResource {
  @Inject RunApi api;

  @ConfigProperty(name = "wfrun.gateway.workload-api.enabled", defaultValue = "true")
  boolean enabled;

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response build(@PathParam("namespace") String namespace, @PathParam("project") String project,
      @PathParam("component") String component, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      byte[] body) {
    return RunApiResponses.of(enabled,
        () -> api.buildComponent(authorization, namespace, project, component, body == null ? new byte[0] : body));
  }
}
