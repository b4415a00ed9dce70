package dev.wfrun.dev.buildplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated build plane advances an Argo Workflow through its ClusterWorkflowTemplate steps. */
class SimulatedBuildPlaneTest {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
  private static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext WF =
      new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup("argoproj.io")
          .withVersion("v1alpha1").withKind("Workflow").withPlural("workflows").withNamespaced(true).build();
  private static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext CWT =
      new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup("argoproj.io")
          .withVersion("v1alpha1").withKind("ClusterWorkflowTemplate").withPlural("clusterworkflowtemplates")
          .withNamespaced(false).build();
  private ApiServers api;
  private KubernetesClient client;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    api = ApiServers.buildPlane();
    client = api.client();
    for (Manifest cwt : ManifestReader.read(Repo.samples().resolve("docker-build/clusterworkflowtemplates.yaml"))) {
      client.genericKubernetesResources(CWT)
          .resource(Serialization.unmarshal(cwt.node().toString(), GenericKubernetesResource.class)).create();
    }
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** The Argo Workflow the docker Workflow renders (its runTemplate with the seed's values). */
  private void createBuild(String name) {
    createBuild(name, java.util.Map.of());
  }

  private void createBuild(String name, java.util.Map<String, String> labels) {
    JsonNode template = Repo.sample("docker-build/workflow-docker.yaml").node().path("spec").path("runTemplate");
    String json = template.toString()
        .replace("${metadata.workflowRunName}", name)
        .replace("openchoreo-ci-${metadata.namespaceName}", "openchoreo-ci-default");
    GenericKubernetesResource wf = Serialization.unmarshal(json, GenericKubernetesResource.class);
    wf.getMetadata().setLabels(labels);
    @SuppressWarnings("unchecked")
    var spec = (java.util.Map<String, Object>) wf.getAdditionalProperties().get("spec");
    spec.put("arguments", java.util.Map.of("parameters", java.util.List.of(
        java.util.Map.of("name", "namespace", "value", "default"),
        java.util.Map.of("name", "project-name", "value", "shop"),
        java.util.Map.of("name", "component-name", "value", "cart"),
        java.util.Map.of("name", "image-name", "value", "default-shop-cart"),
        java.util.Map.of("name", "commit", "value", "0123456789abcdef"))));
    client.genericKubernetesResources(WF).inNamespace("openchoreo-ci-default")
        .resource(wf).create();
  }

  private JsonNode awaitPhase(String name, String phase) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    JsonNode wf = null;
    while (System.nanoTime() < deadline) {
      wf = SERIALIZATION.convertValue(client.genericKubernetesResources(WF)
          .inNamespace("openchoreo-ci-default").withName(name).get(), JsonNode.class);
      if (phase.equals(wf.path("status").path("phase").asText())) {
        return wf;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("phase " + phase + " not reached: " + wf);
  }

  private SimulatedBuildPlane plane(Optional<String> failStep) {
    return plane(Duration.ofMillis(50), failStep);
  }

  private SimulatedBuildPlane plane(Duration step, Optional<String> failStep) {
    return new SimulatedBuildPlane(client, step, failStep,
        Optional.of(Repo.samples().resolve("workload/workload.yaml")), Clock.systemUTC(),
        new PrintStream(console, true, StandardCharsets.UTF_8), api.server().podLogs());
  }

  @Test
  void runsEveryStepAndProducesTheWorkloadOutput() throws Exception {
    try (SimulatedBuildPlane plane = plane(Optional.empty())) {
      createBuild("cart-build-1");
      JsonNode wf = awaitPhase("cart-build-1", "Succeeded");

      JsonNode nodes = wf.path("status").path("nodes");
      assertThat(nodes.size()).isEqualTo(5); // the Steps root and four Pods
      JsonNode generate = null;
      for (JsonNode n : nodes) {
        if ("generate-workload-cr".equals(n.path("displayName").asText())) {
          generate = n;
        }
      }
      assertThat(generate).isNotNull();
      assertThat(generate.path("type").asText()).isEqualTo("Pod");
      assertThat(generate.path("name").asText()).isEqualTo("cart-build-1[3].generate-workload-cr");
      String workload = generate.path("outputs").path("parameters").path(0).path("value").asText();
      assertThat(workload).contains("name: cart-workload", "projectName: shop",
          "image: registry.openchoreo-system.svc:5000/default-shop-cart:cart-build-1", "greeter-api");
      assertThat(wf.path("metadata").path("labels").path("workflows.argoproj.io/completed").asText()).isEqualTo("true");
      assertThat(wf.path("metadata").path("annotations").path(SimulatedBuildPlane.ANNOTATION).asText()).isEqualTo("true");
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("[simulated build plane]");
    }
  }

  @Test
  void aChosenStepFailsAndTheRestDoNotRun() throws Exception {
    try (SimulatedBuildPlane plane = plane(Optional.of("build-image"))) {
      createBuild("cart-build-2");
      JsonNode wf = awaitPhase("cart-build-2", "Failed");

      assertThat(wf.path("status").path("message").asText()).isEqualTo("child 'build-image' failed (simulated)");
      assertThat(wf.path("status").path("nodes").size()).isEqualTo(3);
      boolean sawFailure = false;
      for (JsonNode n : wf.path("status").path("nodes")) {
        if ("build-image".equals(n.path("displayName").asText())) {
          assertThat(n.path("phase").asText()).isEqualTo("Failed");
          assertThat(n.path("message").asText()).isEqualTo("simulated failure (--fail-step build-image)");
          sawFailure = true;
        }
      }
      assertThat(sawFailure).isTrue();
    }
  }

  @Test
  void eachStepHasTheTaskPodArgoWouldStartWithTimestampedLinesAndTheFailingStepAnError() throws Exception {
    try (SimulatedBuildPlane plane = plane(Optional.of("build-image"))) {
      createBuild("cart-build-4");
      awaitPhase("cart-build-4", "Failed");
      var pods = client.pods().inNamespace("openchoreo-ci-default")
          .withLabel(SimulatedBuildPlane.POD_WORKFLOW_LABEL, "cart-build-4").list().getItems();
      assertThat(pods).hasSize(2).allSatisfy(p -> assertThat(p.getMetadata().getAnnotations())
          .containsKey(SimulatedBuildPlane.POD_NODE_ANNOTATION));
      var failed = pods.stream().filter(p -> p.getMetadata().getAnnotations().get(SimulatedBuildPlane.POD_NODE_ANNOTATION)
          .endsWith(".build-image")).findFirst().orElseThrow();
      String log = client.pods().inNamespace("openchoreo-ci-default").withName(failed.getMetadata().getName())
          .inContainer("main").usingTimestamps().getLog();
      assertThat(log.lines()).hasSize(2).allSatisfy(l -> assertThat(l).matches("\\d{4}-\\d{2}-\\d{2}T\\S+Z .+"));
      assertThat(log).contains("build-image: started (simulated", "error: simulated failure (--fail-step build-image)");

      client.genericKubernetesResources(WF).inNamespace("openchoreo-ci-default").withName("cart-build-4").delete();
      dev.wfrun.core.testing.Await.until("the pods go with their Workflow", Duration.ofSeconds(10), () -> client.pods()
          .inNamespace("openchoreo-ci-default").withLabel(SimulatedBuildPlane.POD_WORKFLOW_LABEL, "cart-build-4")
          .list().getItems().isEmpty());
    }
  }

  @Test
  void warmUpRunsTakeNoTimeNeverFailAndAreNotShown() throws Exception {
    try (SimulatedBuildPlane plane = plane(Duration.ofMinutes(1), Optional.of("build-image"))) {
      plane.runInstantly("wfrun-dev-warm-up");
      createBuild("cart-build-4", java.util.Map.of(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE, "wfrun-dev-warm-up"));
      JsonNode wf = awaitPhase("cart-build-4", "Succeeded"); // four one-minute steps would not fit the wait

      assertThat(wf.path("status").path("nodes").size()).isEqualTo(5);
      assertThat(wf.path("status").path("progress").asText()).isEqualTo("4/4");
      assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("cart-build-4");
    }
  }

  @Test
  void aMissingTemplateFailsItsStepAsArgoWould() throws Exception {
    client.genericKubernetesResources(CWT).withName("docker").delete();
    try (SimulatedBuildPlane plane = plane(Optional.empty())) {
      createBuild("cart-build-3");
      JsonNode wf = awaitPhase("cart-build-3", "Failed");
      assertThat(wf.path("status").toString()).contains("template build-image not found");
    }
  }
}
