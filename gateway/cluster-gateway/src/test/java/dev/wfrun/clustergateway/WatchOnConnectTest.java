package dev.wfrun.clustergateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.agent.ClusterAgent;
import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * With a poll tick far away, a streaming agent's plane is watched from the moment the agent connects
 * (also when it comes back after a drop): a run dispatched right after a connect gets its status
 * events at once, not a poll interval later.
 */
@QuarkusTest
@QuarkusTestResource(value = TunnelWorld.class, restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "pollInterval", value = "1h"))
class WatchOnConnectTest {

  @Test
  void aStreamingAgentsPlaneIsWatchedAsSoonAsItConnects() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (var plane = TunnelWorld.streamingBuildPlane()) {
      // a first agent comes and goes (the gateway's start-up tick is long past when the second connects)
      try (ClusterAgent first = TunnelWorld.streamingAgent("first", plane, new PrintStream(log, true, StandardCharsets.UTF_8))) {
        await("the plane reads connected", () -> connected(true));
      }
      await("the plane reads disconnected", () -> connected(false));
      try (ClusterAgent second = TunnelWorld.streamingAgent("second", plane,
          new PrintStream(log, true, StandardCharsets.UTF_8))) {
        await("the plane reads connected again", () -> connected(true));
        plane.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
            .withName("openchoreo-ci-default").endMetadata().build()).createOr(n -> n.update());
        ArgoWorkflow wf = new ArgoWorkflow();
        wf.setMetadata(new ObjectMetaBuilder().withName("first-run").withNamespace("openchoreo-ci-default")
            .withLabels(Map.of(OpenChoreo.LABEL_MANAGED_BY, OpenChoreo.MANAGED_BY_VALUE)).build());
        plane.client().resources(ArgoWorkflow.class).inNamespace("openchoreo-ci-default").resource(wf).create();

        String[] event = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (event == null && System.nanoTime() < deadline) {
          String[] next = TunnelWorld.EVENTS.poll(200, TimeUnit.MILLISECONDS);
          if (next != null && "first-run".equals(next[2])) {
            event = next;
          }
        }
        assertThat(event).as("an event for the run well before the next poll tick (1h); agent log: %s", log)
            .isNotNull();
        assertThat(event[4]).as("from the watch").endsWith("/watch");
      }
    }
  }

  private static boolean connected(boolean expected) {
    ClusterWorkflowPlane plane = TunnelWorld.control.client().resources(ClusterWorkflowPlane.class).withName("default")
        .get();
    return plane.getStatus() != null && plane.getStatus().agentConnection() != null
        && plane.getStatus().agentConnection().connected() == expected;
  }

  private static void await(String what, BooleanSupplier condition) {
    dev.wfrun.core.testing.Await.until(what, Duration.ofSeconds(20), condition);
  }
}
