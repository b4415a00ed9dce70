package dev.wfrun.gateway;

import dev.wfrun.core.runapi.RunApiAnswer;
import dev.wfrun.core.runapi.WorkflowCatalogApi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Workflows a developer may run and their parameter schemas:
 * {@code /api/v1/namespaces/{ns}/workflows[/{name}][/schema]} and {@code /api/v1/clusterworkflows[/{name}][/schema]}.
 */
@Path("/api/v1")
public class WorkflowCatalogResource {
  @Inject WorkflowCatalogApi api;

  @ConfigProperty(name = "wfrun.gateway.workload-api.enabled", defaultValue = "true")
  boolean enabled;

  @GET
  @Path("namespaces/{namespace}/workflows")
  public Response workflows(@PathParam("namespace") String namespace, @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.listWorkflows(authorization, namespace, limit, cursor));
  }

  @GET
  @Path("namespaces/{namespace}/workflows/{name}")
  public Response workflow(@PathParam("namespace") String namespace, @PathParam("name") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.getWorkflow(authorization, namespace, name));
  }

  @GET
  @Path("namespaces/{namespace}/workflows/{name}/schema")
  public Response workflowSchema(@PathParam("namespace") String namespace, @PathParam("name") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.workflowSchema(authorization, namespace, name));
  }

  @GET
  @Path("clusterworkflows")
  public Response clusterWorkflows(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.listClusterWorkflows(authorization, limit, cursor));
  }

  @GET
  @Path("clusterworkflows/{name}")
  public Response clusterWorkflow(@PathParam("name") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.getClusterWorkflow(authorization, name));
  }

  @GET
  @Path("clusterworkflows/{name}/schema")
  public Response clusterWorkflowSchema(@PathParam("name") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.clusterWorkflowSchema(authorization, name));
  }

  private Response answer(Supplier<RunApiAnswer> call) {
    return RunApiResponses.of(enabled, call);
  }
}
