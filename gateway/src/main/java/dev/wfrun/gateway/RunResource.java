package dev.wfrun.gateway;

import dev.wfrun.core.runapi.RunApi;
import dev.wfrun.core.runapi.RunApiAnswer;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The run API over WorkflowRuns ({@code /api/v1/namespaces/{ns}/workflowruns}): list, get, status,
 * cancel and re-run, each for the caller's bearer token as the cluster's RBAC allows it (TokenReview,
 * SubjectAccessReview), errors as problem+json. Served beside the Workload API in its own Knative
 * Service ({@code wfrun.gateway.workload-api.enabled}), never by the webhook gateway.
 */
@Path("/api/v1/namespaces/{namespace}/workflowruns")
public class RunResource {
  @Inject RunApi api;
  @Inject dev.wfrun.core.runapi.RunLogsApi logs;

  @ConfigProperty(name = "wfrun.gateway.workload-api.enabled", defaultValue = "true")
  boolean enabled;

  @GET
  public Response list(@PathParam("namespace") String namespace, @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor, @QueryParam("labelSelector") String labelSelector,
      @QueryParam("workflow") String workflow, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.list(authorization, namespace, limit, cursor, labelSelector, workflow));
  }

  @POST
  @jakarta.ws.rs.Consumes(MediaType.WILDCARD)
  public Response create(@PathParam("namespace") String namespace,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
    return answer(() -> api.create(authorization, namespace, body == null ? new byte[0] : body));
  }

  @GET
  @Path("{run}")
  public Response get(@PathParam("namespace") String namespace, @PathParam("run") String run,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.get(authorization, namespace, run));
  }

  @jakarta.ws.rs.PUT
  @Path("{run}")
  @jakarta.ws.rs.Consumes(MediaType.WILDCARD)
  public Response replace(@PathParam("namespace") String namespace, @PathParam("run") String run,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
    return answer(() -> api.replace(authorization, namespace, run, body == null ? new byte[0] : body));
  }

  @jakarta.ws.rs.DELETE
  @Path("{run}")
  public Response delete(@PathParam("namespace") String namespace, @PathParam("run") String run,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.delete(authorization, namespace, run));
  }

  @GET
  @Path("{run}/status")
  public Response status(@PathParam("namespace") String namespace, @PathParam("run") String run,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.status(authorization, namespace, run));
  }

  /**
   * The step logs; with {@code follow=true} streamed as lines arrive, one JSON object per line
   * ({@code application/x-ndjson}), until the run completes or the caller goes; a follow that ends
   * early ends with a line {@code {"error": "<why>"}}.
   */
  @GET
  @Path("{run}/logs")
  public Response logs(@PathParam("namespace") String namespace, @PathParam("run") String run,
      @QueryParam("task") String task, @QueryParam("sinceSeconds") String sinceSeconds,
      @QueryParam("follow") String follow, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    if (!"true".equals(follow) || !enabled) {
      return answer(() -> logs.logs(authorization, namespace, run, task, sinceSeconds));
    }
    java.util.Optional<RunApiAnswer> refused;
    try {
      refused = logs.followRefusal(authorization, namespace, run, task, sinceSeconds);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      return answer(() -> { throw e; });
    }
    if (refused.isPresent()) {
      return answer(refused::get);
    }
    return FollowStream.of(logs, namespace, run, task, sinceSeconds);
  }

  @GET
  @Path("{run}/events")
  public Response events(@PathParam("namespace") String namespace, @PathParam("run") String run,
      @QueryParam("task") String task, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> logs.events(authorization, namespace, run, task));
  }

  @POST
  @Path("{run}/cancel")
  public Response cancel(@PathParam("namespace") String namespace, @PathParam("run") String run,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.cancel(authorization, namespace, run));
  }

  @POST
  @Path("{run}/rerun")
  public Response rerun(@PathParam("namespace") String namespace, @PathParam("run") String run,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return answer(() -> api.rerun(authorization, namespace, run));
  }

  private Response answer(Supplier<RunApiAnswer> call) {
    return RunApiResponses.of(enabled, call);
  }
}
