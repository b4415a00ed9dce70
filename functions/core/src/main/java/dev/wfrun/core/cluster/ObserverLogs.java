package dev.wfrun.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.WorkflowPlaneSpec;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.resolve.ResolvedPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Archived step logs from the observability plane the run's build plane references
 * ({@code spec.observabilityPlaneRef} → (Cluster)ObservabilityPlane {@code spec.observerURL}), as
 * upstream's UI reads them once the pods are gone: {@code POST <observer>/api/v1/logs/query} with the
 * run's namespace, name and task, the run's time window (at most 30 days) and at most
 * {@value #LIMIT} entries. Answers are bounded ({@value #MAX_BYTES} bytes, {@value #TIMEOUT_SECONDS} s).
 */
public final class ObserverLogs {
  public static final int LIMIT = 1000;
  static final int MAX_BYTES = 8 * 1024 * 1024;
  static final int TIMEOUT_SECONDS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the observer gave, or why it gave nothing. */
  public record Answer(List<RunLogs.Line> lines, String problem) {}

  private final KubernetesClient control;
  private final PlaneClients planes;
  private final HttpClient http;
  private final Supplier<Optional<String>> token;

  /** @param token the bearer token to present to the observer (the service's own), if any */
  public ObserverLogs(KubernetesClient control, BuildPlanes planes, Supplier<Optional<String>> token) {
    this.control = control;
    this.planes = new PlaneClients(control, planes);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build();
    this.token = token;
  }

  /** The observer URL of the run's plane's observability plane, when it references one that has one. */
  public Optional<URI> observerOf(WorkflowRun run) {
    Map<String, String> annotations = run.getMetadata().getAnnotations();
    String ref = annotations == null ? null : annotations.get(PlaneClients.PLANE_ANNOTATION);
    if (ref == null || !PlaneClients.usableBy(ref, run.getMetadata().getNamespace())) {
      return Optional.empty();
    }
    Optional<ResolvedPlane> plane = planes.resolve(ref);
    WorkflowPlaneSpec.ObservabilityPlaneRef obs = plane.map(ResolvedPlane::spec)
        .map(WorkflowPlaneSpec::observabilityPlaneRef).orElse(null);
    if (obs == null || obs.name() == null) {
      return Optional.empty();
    }
    boolean cluster = "ClusterObservabilityPlane".equals(obs.kind()) || "ClusterWorkflowPlane".equals(plane.get().kind());
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup("openchoreo.dev")
        .withVersion("v1alpha1").withKind(cluster ? "ClusterObservabilityPlane" : "ObservabilityPlane")
        .withPlural(cluster ? "clusterobservabilityplanes" : "observabilityplanes").withNamespaced(!cluster).build();
    GenericKubernetesResource found = cluster
        ? control.genericKubernetesResources(context).withName(obs.name()).get()
        : control.genericKubernetesResources(context).inNamespace(plane.get().namespace()).withName(obs.name()).get();
    Object url = found == null || found.getAdditionalProperties().get("spec") == null ? null
        : ((Map<?, ?>) found.getAdditionalProperties().get("spec")).get("observerURL");
    if (!(url instanceof String text) || !(text.startsWith("http://") || text.startsWith("https://"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The run's archived lines (of one task, or all), oldest first. */
  public Answer query(URI observer, WorkflowRun run, String task, Instant now) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode scope = body.putObject("searchScope").put("namespace", run.getMetadata().getNamespace())
        .put("workflowRunName", run.getMetadata().getName());
    if (task != null) {
      scope.put("taskName", task);
    }
    Instant end = now;
    Instant start = end.minus(Duration.ofDays(30));
    String started = run.getStatus() == null ? null : run.getStatus().startedAt();
    String created = run.getMetadata().getCreationTimestamp();
    String from = started != null ? started : created;
    if (from != null) {
      Instant begin = Instant.parse(from).minus(Duration.ofMinutes(1));
      start = begin.isAfter(start) ? begin : start;
    }
    body.put("startTime", start.toString()).put("endTime", end.toString()).put("limit", LIMIT)
        .put("sortOrder", "asc");
    HttpRequest.Builder request = HttpRequest.newBuilder(observer.resolve("/api/v1/logs/query"))
        .timeout(Duration.ofSeconds(TIMEOUT_SECONDS)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    token.get().ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      return new Answer(List.of(), "the observer at " + observer + " does not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(List.of(), "interrupted");
    }
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (response.statusCode() != 200) {
        return new Answer(List.of(), "the observer at " + observer + " answered HTTP " + response.statusCode());
      }
      if (bytes.length > MAX_BYTES) {
        return new Answer(List.of(), "the observer's answer is over " + MAX_BYTES + " bytes");
      }
      JsonNode tree = JSON.readTree(bytes);
      JsonNode entries = tree.isArray() ? tree : tree.has("logs") ? tree.path("logs") : tree.path("entries");
      List<RunLogs.Line> lines = new ArrayList<>();
      for (JsonNode e : entries) {
        if (lines.size() >= LIMIT) {
          break;
        }
        String entryTask = e.path("taskName").asText(e.path("task").asText(task == null ? "" : task));
        lines.add(new RunLogs.Line(entryTask, e.path("timestamp").asText(null), e.path("log").asText("")));
      }
      return new Answer(lines, null);
    } catch (IOException e) {
      return new Answer(List.of(), "the observer's answer is not JSON: " + e.getMessage());
    }
  }
}
