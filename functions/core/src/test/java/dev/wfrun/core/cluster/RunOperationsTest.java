package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.status.RunConditions;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.World;
import dev.wfrun.core.webhook.RunRequests;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancel and re-run, as the run API's identity (wfrun-workload-api) does them on the strict API. */
class RunOperationsTest {
  private final World world = new World();
  private final BuildPlanes apiPlanes = new BuildPlanes(world.as("wfrun-workload-api"));
  private final RunCancel cancel = new RunCancel(world.as("wfrun-workload-api"), apiPlanes, world.clock);
  private final RunRerun rerun = new RunRerun(world.as("wfrun-workload-api"));

  @AfterEach
  void close() {
    apiPlanes.close();
    world.close();
  }

  @Test
  void cancellingARunningRunStopsItsArgoWorkflowAndEndsItCancelledWithWhoDidIt() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world.dispatch.dispatch(key);
    world.setArgoStatus(key, ArgoProgress.at(key.name(), 1, World.START));
    world.sync.sync(key);
    assertThat(world.run(key).getStatus().phase()).isEqualTo("Running");

    RunOperationResult result = cancel.cancel(key, "alice@example.com");

    assertThat(result.kind()).isEqualTo(RunOperationResult.Kind.DONE);
    WorkflowRun cancelled = world.run(key);
    assertThat(cancelled.getStatus().phase()).isEqualTo("Failed");
    assertThat(cancelled.getStatus().completedAt()).isNotNull();
    assertThat(cancelled.getStatus().conditions()).hasSize(4).allSatisfy(c -> {
      assertThat(c.getReason()).isEqualTo(RunConditions.REASON_CANCELLED);
      assertThat(c.getMessage()).isEqualTo("cancelled by alice@example.com");
    });
    assertThat(cancelled.getStatus().tasks()).as("the tasks so far are kept").isNotEmpty();
    assertThat(cancelled.getMetadata().getAnnotations()).containsEntry(RunCancel.CANCELLED_BY, "alice@example.com");
    assertThat(world.argo(key).getSpec().path("shutdown").asText()).isEqualTo("Stop");
    assertThat(world.argo(key).getMetadata().getAnnotations())
        .containsEntry(dev.wfrun.core.engine.argo.ArgoEngine.STOP_REASON_ANNOTATION, "cancelled by alice@example.com");
  }

  @Test
  void aCancelledRunStaysCancelledWhateverArgoReportsAfterwards() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world.dispatch.dispatch(key);
    cancel.cancel(key, "alice");
    world.setArgoStatus(key, ArgoProgress.at(key.name(), ArgoProgress.STEPS.size(), World.START));
    world.sync.sync(key);
    assertThat(condition(world.run(key), RunConditions.COMPLETED).getReason()).isEqualTo(RunConditions.REASON_CANCELLED);
  }

  @Test
  void cancellingARunNotYetDispatchedEndsItAndNothingReachesTheBuildPlane() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    assertThat(cancel.cancel(key, "bob").kind()).isEqualTo(RunOperationResult.Kind.DONE);
    assertThat(world.dispatch.dispatch(key).kind()).isEqualTo(StepResult.Kind.NOTHING);
    assertThat(world.argo(key)).isNull();
    assertThat(world.run(key).getStatus().phase()).isEqualTo("Failed");
  }

  @Test
  void aCancelThatLandsWhileDispatchIsUnderWayStopsDispatchBeforeItWritesToTheBuildPlane() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world.dispatch.beforeBuildPlaneWrites(() -> cancel.cancel(key, "carol"));
    world.dispatch.dispatch(key);
    assertThat(world.argo(key)).isNull();
    assertThat(condition(world.run(key), RunConditions.COMPLETED).getReason()).isEqualTo(RunConditions.REASON_CANCELLED);
  }

  @Test
  void aFinishedRunCannotBeCancelledAndAnAbsentOneIsNotFound() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world.dispatch.dispatch(key);
    world.setArgoStatus(key, ArgoProgress.at(key.name(), ArgoProgress.STEPS.size(), World.START));
    world.sync.sync(key);
    RunOperationResult late = cancel.cancel(key, "alice");
    assertThat(late.kind()).isEqualTo(RunOperationResult.Kind.CONFLICT);
    assertThat(late.message()).contains("already finished (Succeeded)");
    assertThat(world.run(key).getMetadata().getAnnotations()).doesNotContainKey(RunCancel.CANCELLED_BY);
    assertThat(cancel.cancel(new RunKey("default", "no-such-run"), "alice").kind())
        .isEqualTo(RunOperationResult.Kind.NOT_FOUND);
  }

  @Test
  void aReRunHasTheOriginalsWorkflowParametersLabelsAndCommitAndNamesItsOrigin() {
    RunKey key = world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata:
          name: greeter-build-7
          namespace: default
          labels: {openchoreo.dev/component: greeter-service, openchoreo.dev/project: default}
          annotations: {wfrun.dev/git-commit: 9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6, wfrun.dev/webhook-delivery: d-1}
        spec:
          ttlAfterCompletion: 1h
          workflow:
            kind: ClusterWorkflow
            name: docker
            parameters: {repository: {url: https://github.com/openchoreo/sample-workloads}}
        """);
    world.dispatch.dispatch(key);
    WorkflowRun original = world.run(key);

    RunOperationResult first = rerun.rerun(key, "dave");
    RunOperationResult second = rerun.rerun(key, "dave");

    assertThat(first.kind()).isEqualTo(RunOperationResult.Kind.DONE);
    assertThat(first.run().name()).startsWith("greeter-build-7-rerun-").isNotEqualTo(second.run().name());
    WorkflowRun copy = world.run(first.run());
    assertThat(copy.getSpec()).isEqualTo(original.getSpec());
    assertThat(copy.getMetadata().getLabels()).containsAllEntriesOf(Map.of("openchoreo.dev/component", "greeter-service",
        "openchoreo.dev/project", "default"));
    assertThat(copy.getMetadata().getAnnotations())
        .containsEntry(RunRerun.RERUN_OF, "greeter-build-7").containsEntry(RunRerun.RERUN_BY, "dave")
        .containsEntry(RunRequests.ANNOTATION_COMMIT, "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6")
        .doesNotContainKey(RunRequests.ANNOTATION_DELIVERY).doesNotContainKey(PlaneClients.PLANE_ANNOTATION);
    assertThat(copy.getStatus()).isNull();
    assertThat(copy.getMetadata().getFinalizers()).isNullOrEmpty();
  }

  @Test
  void aReRunOfALongNameStillFitsALabelValue() {
    String long63 = "r".repeat(63);
    RunKey key = world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: %s, namespace: default}
        spec: {workflow: {name: docker}}
        """.formatted(long63));
    RunKey copy = rerun.rerun(key, "erin").run();
    assertThat(copy.name()).hasSizeLessThanOrEqualTo(63).startsWith("r".repeat(RunRerun.NAME_PART) + "-rerun-");
  }

  private static Condition condition(WorkflowRun run, String type) {
    return run.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }
}
