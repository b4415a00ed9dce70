package dev.wfrun.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import dev.wfrun.api.v1alpha1.WorkflowRunSpec;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.yaml.Manifest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CRDs install into an API server (the fabric8 CRUD mock) and serve the samples. */
class CrdCatalogTest {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void installCrds() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    for (JsonNode crd : CrdCatalog.standard().definitions()) {
      client.apiextensions().v1().customResourceDefinitions().resource(toCrd(crd)).create();
    }
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private static CustomResourceDefinition toCrd(JsonNode node) {
    return Serialization.unmarshal(node.toString(), CustomResourceDefinition.class);
  }

  @Test
  void everyOpenChoreoKindHasACrdWithTheStatusSubresource() {
    List<CustomResourceDefinition> crds = client.apiextensions().v1().customResourceDefinitions().list().getItems();
    assertThat(crds).extracting(c -> c.getSpec().getNames().getKind()).containsExactlyInAnyOrder(
        "Workflow", "ClusterWorkflow", "WorkflowRun", "WorkflowPlane", "ClusterWorkflowPlane", "Component",
        "ComponentType", "ClusterComponentType", "Workload", "SecretReference");
    assertThat(crds).allSatisfy(c -> {
      assertThat(c.getSpec().getGroup()).isEqualTo(OpenChoreo.GROUP);
      assertThat(c.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();
    });
  }

  @Test
  void workflowRunShowsItsWorkflowComponentStatusWhyAndTimesAsColumns() {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
        .withName("workflowruns.openchoreo.dev").get();
    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Workflow", ".spec.workflow.name"),
            org.assertj.core.groups.Tuple.tuple("Component", ".metadata.labels.openchoreo\\.dev/component"),
            org.assertj.core.groups.Tuple.tuple("Status", ".status.phase"),
            org.assertj.core.groups.Tuple.tuple("Reason", ".status.conditions[?(@.type==\"WorkflowCompleted\")].reason"),
            org.assertj.core.groups.Tuple.tuple("Message",
                ".status.conditions[?(@.type==\"WorkflowCompleted\")].message"),
            org.assertj.core.groups.Tuple.tuple("Started", ".status.startedAt"),
            org.assertj.core.groups.Tuple.tuple("Completed", ".status.completedAt"),
            org.assertj.core.groups.Tuple.tuple("Age", ".metadata.creationTimestamp"));
  }

  @Test
  void everySampleObjectIsServedBackUnchanged() {
    for (Manifest sample : Repo.allSampleManifests()) {
      if (!sample.apiVersion().startsWith(OpenChoreo.GROUP) || sample.kind().isEmpty()) { // descriptors are no objects
        continue;
      }
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().list().getItems()
          .stream().filter(c -> c.getSpec().getNames().getKind().equals(sample.kind())).findFirst().orElseThrow();
      var resources = client.genericKubernetesResources(CustomResourceDefinitionContext.fromCrd(crd));
      GenericKubernetesResource object = Serialization.unmarshal(sample.node().toString(), GenericKubernetesResource.class);
      object.getAdditionalProperties().remove("status");
      GenericKubernetesResource stored = sample.namespace().isEmpty()
          ? resources.resource(object).createOr(existing -> existing.update())
          : resources.inNamespace(sample.namespace()).resource(object).createOr(existing -> existing.update());
      assertThat((JsonNode) SERIALIZATION.convertValue(stored.getAdditionalProperties().get("spec"), JsonNode.class))
          .as(sample.describe())
          .isEqualTo(sample.node().get("spec"));
    }
  }

  @Test
  void workflowRunStatusIsWrittenThroughTheStatusSubresourceOnly() {
    WorkflowRun run = Fixtures.run("docker-build/workflowrun-simple-run.yaml");
    var runs = client.resources(WorkflowRun.class).inNamespace("default");
    WorkflowRun created = runs.resource(run).create();
    created.setStatus(new WorkflowRunStatus("Running", null, null, null, null, "2026-01-01T00:00:00Z", null));
    created.setSpec(created.getSpec().withTtlAfterCompletion("1d"));
    runs.resource(created).updateStatus();
    WorkflowRun read = runs.withName("simple-run").get();
    assertThat(read.getStatus().phase()).isEqualTo("Running");
    assertThat(read.getStatus().startedAt()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(read.getSpec().ttlAfterCompletion()).as("spec is not written through /status").isNull();
    assertThat(read.getSpec().workflow()).isEqualTo(new WorkflowRunSpec.WorkflowConfig(
        null, "docker", run.getSpec().workflow().parameters()));
  }
}
