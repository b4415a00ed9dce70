package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a step fails, status-sync keeps its last lines outside the run, and the logs fall back to them once the pods go. */
class StepLogArchiveTest {
  private static final String NS = "openchoreo-ci-default";
  private final World world = new World();
  private final KubernetesClientHolder api = new KubernetesClientHolder(world.as("wfrun-workload-api"));
  private final RunLogs logs = new RunLogs(api.client, api.planes,
      new StepLogArchive(api.client, StepLogArchive.DEFAULT_NAMESPACE));

  /** The run API's identity and its planes. */
  private record KubernetesClientHolder(io.fabric8.kubernetes.client.KubernetesClient client, BuildPlanes planes) {
    KubernetesClientHolder(io.fabric8.kubernetes.client.KubernetesClient client) {
      this(client, new BuildPlanes(client));
    }
  }

  @AfterEach
  void close() {
    api.planes.close();
    world.close();
  }

  private RunKey failedRun() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world.dispatch.dispatch(key);
    pod(key.name() + "-checkout", key.name() + "[0].checkout-source");
    pod(key.name() + "-build", key.name() + "[1].build-image");
    var kubelet = world.buildServer.server().podLogs();
    kubelet.append(NS, key.name() + "-checkout", "main", World.START, "cloned");
    for (int i = 1; i <= 150; i++) {
      kubelet.append(NS, key.name() + "-build", "main", World.START.plusSeconds(i), "compiling unit " + i);
    }
    kubelet.append(NS, key.name() + "-build", "main", World.START.plusSeconds(151), "error: " + "x".repeat(5000));
    world.setArgoStatus(key, ArgoProgress.failedAt(key.name(), 1, World.START));
    world.sync.sync(key);
    return key;
  }

  @Test
  void theLastHundredLinesOfAFailedStepAreKeptAndServedOnceItsPodsAreGone() {
    RunKey key = failedRun();
    ConfigMap kept = world.control.configMaps().inNamespace(StepLogArchive.DEFAULT_NAMESPACE)
        .withName(StepLogArchive.nameOf(key)).get();
    assertThat(kept).as("kept in wfrun's namespace, not the tenant's").isNotNull();
    assertThat(kept.getMetadata().getLabels()).containsEntry(OpenChoreo.LABEL_WORKFLOWRUN, key.name());
    assertThat(world.run(key).getStatus().toString()).doesNotContain("compiling unit");

    world.build.resources(ArgoWorkflow.class).inAnyNamespace().delete();
    world.build.pods().inNamespace(NS).delete();
    WorkflowRun run = world.run(key);
    RunLogs.Logs read = logs.read(run, null, null);

    assertThat(read.lines()).hasSize(StepLogArchive.LINES_PER_STEP);
    assertThat(read.lines()).allSatisfy(l -> assertThat(l.task()).isEqualTo("build-image"));
    assertThat(read.lines().get(0).log()).isEqualTo("compiling unit 52");
    assertThat(read.lines().get(99).log()).hasSize(StepLogArchive.MAX_LINE_CHARS).startsWith("error: xxx");
    assertThat(read.lines().get(99).timestamp()).isEqualTo(World.START.plusSeconds(151).toString());
    assertThat(read.unavailable()).contains("gone from its plane", "last 100 lines of each failed step");
    assertThat(logs.read(run, "checkout-source", null).lines()).as("a step that did not fail is not kept").isEmpty();
  }

  @Test
  void aConfigMapThatIsNotTheRunsIsNeverShownAsItsLogs() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world.dispatch.dispatch(key);
    world.control.configMaps().inNamespace(StepLogArchive.DEFAULT_NAMESPACE).resource(new ConfigMapBuilder()
        .withNewMetadata().withName(StepLogArchive.nameOf(key)).withNamespace(StepLogArchive.DEFAULT_NAMESPACE)
        .withLabels(Map.of(OpenChoreo.LABEL_WORKFLOWRUN, "someone-else")).endMetadata()
        .withData(Map.of("steps.json", "{\"build-image\":[[\"2026-12-01T10:00:00Z\",\"forged\"]]}")).build()).create();
    world.build.resources(ArgoWorkflow.class).inAnyNamespace().delete();
    assertThat(logs.read(world.run(key), null, null).lines()).isEmpty();
  }

  @Test
  void deletingTheRunDeletesWhatWasKept() {
    RunKey key = failedRun();
    world.control.resources(WorkflowRun.class).inNamespace(key.namespace()).withName(key.name()).delete();
    world.finalizer.finalizeRun(key);
    assertThat(world.control.configMaps().inNamespace(StepLogArchive.DEFAULT_NAMESPACE)
        .withName(StepLogArchive.nameOf(key)).get()).isNull();
  }

  private void pod(String name, String node) {
    world.build.pods().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata().withName(name).withNamespace(NS)
        .withLabels(Map.of("workflows.argoproj.io/workflow", name.substring(0, name.lastIndexOf('-'))))
        .withAnnotations(Map.of("workflows.argoproj.io/node-name", node)).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("alpine").endContainer().endSpec().build())
        .create();
  }
}
