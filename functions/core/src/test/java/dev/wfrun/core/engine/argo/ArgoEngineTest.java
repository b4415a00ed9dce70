package dev.wfrun.core.engine.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.engine.EnginePhase;
import dev.wfrun.core.engine.OwnedRunObject;
import dev.wfrun.core.engine.TaskLogStream;
import dev.wfrun.core.kube.ForeignObjectException;
import dev.wfrun.core.testing.ApiServers;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Argo engine against a strict build-plane API, as wfrun's build-plane identity. */
class ArgoEngineTest {
  private static final String NS = "openchoreo-ci-team-a";
  private static ApiServers server;
  private static KubernetesClient admin;
  private static KubernetesClient plane;
  private final ArgoEngine engine = new ArgoEngine();

  @BeforeAll
  static void start() {
    server = ApiServers.buildPlane();
    admin = server.client();
    plane = server.clientAs(ApiServers.BUILD_PLANE_ACCOUNT);
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theStandardRegistryPicksArgoByTheRunObjectsApiVersionAndKind() {
    assertThat(BuildEngines.standard().forRunObject(workflow("a", "team-a", "a"))).containsInstanceOf(ArgoEngine.class);
    assertThat(BuildEngines.standard().forRunObject(Map.of("apiVersion", "batch/v1", "kind", "Job"))).isEmpty();
    assertThat(BuildEngines.standard().forReference(ref("x"))).containsInstanceOf(ArgoEngine.class);
    assertThat(BuildEngines.standard().forReference(new ResourceReference("v1", "Pod", "x", NS))).isEmpty();
  }

  @Test
  void submitCreatesThenAdoptsTheRunsOwnWorkflowAndRefusesAForeignOne() {
    assertThat(engine.submit(plane, workflow("build-1", "team-a", "build-1"), "team-a", "build-1"))
        .isEqualTo(ref("build-1"));
    assertThat(engine.submit(plane, workflow("build-1", "team-a", "build-1"), "team-a", "build-1"))
        .as("a retried dispatch adopts it").isEqualTo(ref("build-1"));
    assertThatThrownBy(() -> engine.submit(plane, workflow("build-1", "team-b", "build-1"), "team-b", "build-1"))
        .isInstanceOf(ForeignObjectException.class).hasMessageContaining("does not belong to WorkflowRun team-b/build-1");
  }

  @Test
  void observeSeesOnlyTheRunsOwnWorkflowAndStartsNotStarted() {
    engine.submit(plane, workflow("build-2", "team-a", "build-2"), "team-a", "build-2");
    assertThat(engine.observe(plane, ref("build-2"), "team-a", "build-2")).get()
        .extracting(o -> o.phase()).isEqualTo(EnginePhase.NOT_STARTED);
    assertThat(engine.observe(plane, ref("build-2"), "team-a", "other-run")).isEmpty();
    assertThat(engine.observe(plane, ref("absent"), "team-a", "absent")).isEmpty();
  }

  @Test
  void stopAsksArgoToStopOnlyTheRunsOwnWorkflowAndSaysWhy() {
    engine.submit(plane, workflow("build-3", "team-a", "build-3"), "team-a", "build-3");
    assertThat(engine.stop(plane, ref("build-3"), "team-b", "build-3", "hostile")).isFalse();
    assertThat(admin.resources(ArgoWorkflow.class).inNamespace(NS).withName("build-3").get().getSpec()
        .path("shutdown").isMissingNode()).isTrue();

    assertThat(engine.stop(plane, ref("build-3"), "team-a", "build-3", "superseded by build-4")).isTrue();
    ArgoWorkflow stopped = admin.resources(ArgoWorkflow.class).inNamespace(NS).withName("build-3").get();
    assertThat(stopped.getSpec().path("shutdown").asText()).isEqualTo("Stop");
    assertThat(stopped.getMetadata().getAnnotations())
        .containsEntry(ArgoEngine.STOP_REASON_ANNOTATION, "superseded by build-4");
    assertThat(engine.stop(plane, ref("gone"), "team-a", "gone", "x")).as("a gone Workflow is fine").isFalse();
  }

  @Test
  void ownedListsWfrunsWorkflowsWithTheirRunsAllOrOneRunsOnly() {
    engine.submit(plane, workflow("build-5", "team-a", "build-5"), "team-a", "build-5");
    engine.submit(plane, workflow("build-6", "team-a", "build-6"), "team-a", "build-6");
    assertThat(engine.owned(plane, null, null))
        .contains(new OwnedRunObject(ref("build-5"), "team-a", "build-5"),
            new OwnedRunObject(ref("build-6"), "team-a", "build-6"));
    assertThat(engine.owned(plane, "team-a", "build-6")).containsExactly(
        new OwnedRunObject(ref("build-6"), "team-a", "build-6"));
  }

  @Test
  void prepareGrantsTheRunsServiceAccountWhatArgosExecutorNeeds() {
    engine.prepare(plane, "openchoreo-ci-team-p", "workflow-sa");
    engine.prepare(plane, "openchoreo-ci-team-p", "workflow-sa"); // objects that exist are left alone
    var role = admin.rbac().roles().inNamespace("openchoreo-ci-team-p").withName("workflow-sa-role").get();
    assertThat(role.getRules()).singleElement().satisfies(r -> {
      assertThat(r.getApiGroups()).containsExactly(ArgoWorkflow.GROUP);
      assertThat(r.getResources()).containsExactly("workflowtaskresults");
    });
    assertThat(admin.serviceAccounts().inNamespace("openchoreo-ci-team-p").withName("workflow-sa").get()).isNotNull();
  }

  @Test
  void logStreamsAreTheTaskPodsContainersInCreationOrderWithoutArgosWaitSidecar() {
    pod("build-7-clone", "build-7", "build-7[0].clone-step", "2026-12-01T10:00:00Z");
    pod("build-7-build", "build-7", "build-7[1].build-step", "2026-12-01T10:01:00Z");
    pod("other-build", "build-8", "build-8[0].clone-step", "2026-12-01T10:00:00Z");
    assertThat(engine.logStreams(plane, ref("build-7"), null)).containsExactly(
        new TaskLogStream("clone-step", NS, "build-7-clone", "main"),
        new TaskLogStream("build-step", NS, "build-7-build", "main"));
    assertThat(engine.logStreams(plane, ref("build-7"), "build-step")).containsExactly(
        new TaskLogStream("build-step", NS, "build-7-build", "main"));
    assertThat(engine.logStreams(plane, new ResourceReference("batch/v1", "Job", "build-7", NS), null)).isEmpty();
  }

  private static void pod(String name, String workflow, String node, String created) {
    admin.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .withCreationTimestamp(created)
        .withLabels(Map.of(ArgoTaskPods.WORKFLOW_LABEL, workflow))
        .withAnnotations(Map.of(ArgoTaskPods.NODE_NAME_ANNOTATION, node)).endMetadata()
        .withNewSpec().addNewInitContainer().withName("init").withImage("argoexec").endInitContainer()
        .addNewContainer().withName("wait").withImage("argoexec").endContainer()
        .addNewContainer().withName("main").withImage("alpine").endContainer().endSpec().build()).create();
  }

  private static ResourceReference ref(String name) {
    return new ResourceReference(ArgoWorkflow.API_VERSION, ArgoWorkflow.KIND, name, NS);
  }

  private static Map<String, Object> workflow(String name, String runNamespace, String runName) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put(OpenChoreo.LABEL_WORKFLOWRUN, runName);
    labels.put(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE, runNamespace);
    labels.put(OpenChoreo.LABEL_MANAGED_BY, OpenChoreo.MANAGED_BY_VALUE);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", NS);
    metadata.put("labels", labels);
    Map<String, Object> wf = new LinkedHashMap<>();
    wf.put("apiVersion", ArgoWorkflow.API_VERSION);
    wf.put("kind", ArgoWorkflow.KIND);
    wf.put("metadata", metadata);
    wf.put("spec", new LinkedHashMap<>(Map.of("serviceAccountName", "workflow-sa", "entrypoint", "main",
        "templates", List.of())));
    return wf;
  }
}
