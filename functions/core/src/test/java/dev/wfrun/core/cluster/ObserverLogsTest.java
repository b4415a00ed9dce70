package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlaneSpec;
import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Once a run's pods are gone, its logs come from the observability plane its build plane references. */
class ObserverLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final World world = new World();
  private final BuildPlanes planes = new BuildPlanes(world.as("wfrun-workload-api"));
  private HttpServer observer;
  private final AtomicReference<JsonNode> asked = new AtomicReference<>();
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private final AtomicReference<String> answer = new AtomicReference<>(
      "{\"logs\":[{\"timestamp\":\"2026-12-01T10:00:01Z\",\"log\":\"Step 1/2\",\"taskName\":\"build-image\"},"
          + "{\"timestamp\":\"2026-12-01T10:00:02Z\",\"log\":\"error: exit 1\",\"taskName\":\"build-image\"}]}");

  @BeforeEach
  void startObserver() throws Exception {
    observer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    observer.createContext("/api/v1/logs/query", exchange -> {
      asked.set(JSON.readTree(exchange.getRequestBody()));
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    observer.start();
    var context = new ResourceDefinitionContext.Builder().withGroup("openchoreo.dev").withVersion("v1alpha1")
        .withKind("ClusterObservabilityPlane").withPlural("clusterobservabilityplanes").withNamespaced(false).build();
    GenericKubernetesResource plane = new GenericKubernetesResource();
    plane.setApiVersion("openchoreo.dev/v1alpha1");
    plane.setKind("ClusterObservabilityPlane");
    plane.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("default").build());
    plane.setAdditionalProperty("spec", Map.of("observerURL", "http://127.0.0.1:" + observer.getAddress().getPort()));
    world.control.genericKubernetesResources(context).resource(plane).create();
    world.control.resources(ClusterWorkflowPlane.class).withName("default").edit(p -> {
      WorkflowPlaneSpec s = p.getSpec();
      p.setSpec(new WorkflowPlaneSpec(s.planeID(), s.clusterAgent(), s.secretStoreRef(),
          new WorkflowPlaneSpec.ObservabilityPlaneRef("ClusterObservabilityPlane", "default")));
      return p;
    });
  }

  @AfterEach
  void close() {
    observer.stop(0);
    planes.close();
    world.close();
  }

  private RunLogs logs() {
    var client = world.as("wfrun-workload-api");
    return new RunLogs(client, planes, new StepLogArchive(client, StepLogArchive.DEFAULT_NAMESPACE),
        new ObserverLogs(client, planes, () -> Optional.of("service-token")));
  }

  @Test
  void theLogsOfARunWhosePodsAreGoneAreTheObserversForItsNamespaceRunAndTask() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world.dispatch.dispatch(key);
    world.build.resources(ArgoWorkflow.class).inAnyNamespace().delete();

    RunLogs.Logs read = logs().read(world.run(key), "build-image", null);

    assertThat(read.lines()).extracting(RunLogs.Line::log).containsExactly("Step 1/2", "error: exit 1");
    assertThat(read.lines().get(0).task()).isEqualTo("build-image");
    assertThat(read.unavailable()).contains("observability plane");
    assertThat(asked.get().path("searchScope").path("namespace").asText()).isEqualTo("default");
    assertThat(asked.get().path("searchScope").path("workflowRunName").asText()).isEqualTo(key.name());
    assertThat(asked.get().path("searchScope").path("taskName").asText()).isEqualTo("build-image");
    assertThat(asked.get().path("limit").asInt()).isEqualTo(ObserverLogs.LIMIT);
    assertThat(java.time.Duration.between(java.time.Instant.parse(asked.get().path("startTime").asText()),
        java.time.Instant.parse(asked.get().path("endTime").asText())).toDays()).isLessThanOrEqualTo(30);
    assertThat(authorization.get()).isEqualTo("Bearer service-token");
  }

  @Test
  void anObserverThatFailsIsNamedInTheAnswer() {
    answer.set("not json");
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world.dispatch.dispatch(key);
    world.build.resources(ArgoWorkflow.class).inAnyNamespace().delete();

    RunLogs.Logs read = logs().read(world.run(key), null, null);

    assertThat(read.lines()).isEmpty();
    assertThat(read.unavailable()).contains("gone from its plane", "the observer's answer is not JSON");
  }
}
