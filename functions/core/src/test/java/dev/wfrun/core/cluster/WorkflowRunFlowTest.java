package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowTask;
import dev.wfrun.api.v1alpha1.Workload;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed docker WorkflowRun end to end against a control plane and a separate build plane:
 * render-dispatch, Argo progressing through its steps, status-sync, the Workload, TTL, finalize.
 */
class WorkflowRunFlowTest {
  private final World world = new World();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void finalizeDeletesAnArgoWorkflowThatDispatchCreatedButNeverRecorded() {
    RunKey key = world.createRun("docker-build/workflowrun-simple-run.yaml");
    world.dispatch.dispatch(key);
    // dispatch stopped between creating the Argo Workflow and naming it on the run
    world.control.resources(WorkflowRun.class).inNamespace(key.namespace()).withName(key.name()).editStatus(r -> {
      r.setStatus(null);
      return r;
    });
    world.control.resources(WorkflowRun.class).inNamespace(key.namespace()).withName(key.name()).delete();
    assertThat(world.finalizer.finalizeRun(key).detail()).startsWith("deleted 1 build-plane objects");
    assertThat(world.argo(key)).isNull();
    assertThat(world.run(key)).isNull();
  }

  @Test
  void aComponentBuildRunsFromDispatchToWorkloadToTtlCleanup() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");

    assertThat(world.dispatch.dispatch(key).kind()).isEqualTo(StepResult.Kind.DONE);
    WorkflowRun run = world.run(key);
    assertThat(run.getMetadata().getFinalizers()).containsExactly(OpenChoreo.FINALIZER_WORKFLOWRUN);
    assertThat(run.getSpec().ttlAfterCompletion()).as("copied from the Workflow").isEqualTo("7d");
    assertThat(run.getStatus().phase()).isEqualTo("Pending");
    assertThat(run.getStatus().startedAt()).isEqualTo(World.START.toString());
    assertThat(run.getStatus().runReference().namespace()).isEqualTo("openchoreo-ci-default");
    assertThat(run.getStatus().resources()).singleElement()
        .satisfies(r -> assertThat(r.name()).isEqualTo("greeter-build-01-git-secret"));

    ArgoWorkflow argo = world.argo(key);
    assertThat(argo).as("the Argo Workflow is in the separate build plane").isNotNull();
    assertThat(argo.getMetadata().getLabels()).containsEntry(OpenChoreo.LABEL_WORKFLOWRUN, "greeter-build-01");
    assertThat(world.control.resources(ArgoWorkflow.class).inAnyNamespace().list().getItems())
        .as("nothing lands in the control plane").isEmpty();
    assertThat(world.build.namespaces().withName("openchoreo-ci-default").get()).isNotNull();
    assertThat(world.build.serviceAccounts().inNamespace("openchoreo-ci-default").withName("workflow-sa").get()).isNotNull();
    assertThat(world.build.rbac().roleBindings().inNamespace("openchoreo-ci-default")
        .withName("workflow-sa-role-binding").get()).isNotNull();
    assertThat(externalSecret()).isNotNull();

    for (int step = 0; step < ArgoProgress.STEPS.size(); step++) {
      world.setArgoStatus(key, ArgoProgress.at(key.name(), step, World.START));
      world.sync.sync(key);
      WorkflowRun running = world.run(key);
      assertThat(running.getStatus().phase()).isEqualTo("Running");
      assertThat(running.getStatus().tasks()).hasSize(step + 1);
    }
    world.clock.advance(Duration.ofMinutes(2));
    world.setArgoStatus(key, ArgoProgress.at(key.name(), ArgoProgress.STEPS.size(), World.START));
    assertThat(world.sync.sync(key).kind()).isEqualTo(StepResult.Kind.DONE);

    WorkflowRun done = world.run(key);
    assertThat(done.getStatus().phase()).isEqualTo("Succeeded");
    assertThat(done.getStatus().completedAt()).isEqualTo(World.START.plus(Duration.ofMinutes(2)).toString());
    assertThat(done.getStatus().tasks()).extracting(WorkflowTask::name).containsExactlyElementsOf(ArgoProgress.STEPS);
    assertThat(done.getStatus().tasks()).extracting(WorkflowTask::phase).containsOnly("Succeeded");
    assertThat(done.getStatus().conditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("WorkflowCompleted", "True", "WorkflowSucceeded"),
            org.assertj.core.groups.Tuple.tuple("WorkflowRunning", "False", "WorkflowRunning"),
            org.assertj.core.groups.Tuple.tuple("WorkflowSucceeded", "True", "WorkflowSucceeded"),
            org.assertj.core.groups.Tuple.tuple("WorkloadUpdated", "True", "WorkloadUpdated"));
    Workload workload = world.control.resources(Workload.class).inNamespace("default")
        .withName("greeter-service-workload").get();
    assertThat(workload.getSpec().container().image()).endsWith(":greeter-build-01");

    assertThat(world.sync.sync(key).kind()).as("a finished run is left alone").isEqualTo(StepResult.Kind.NOTHING);
    assertThat(world.run(key).getMetadata().getLabels()).as("labelled with the minute its TTL ends")
        .containsEntry(dev.wfrun.core.ttl.ExpiryLabel.KEY,
            dev.wfrun.core.ttl.ExpiryLabel.of(done.getStatus().completedAt(), "7d").orElseThrow());

    world.clock.advance(Duration.ofDays(7));
    assertThat(world.ttl.tick().deleted()).as("7d has not fully passed").isZero();
    world.clock.advance(Duration.ofMinutes(1));
    TtlCleanup.Report expired = world.ttl.tick();
    assertThat(expired.deleted()).isEqualTo(1);
    assertThat(expired.collectionDeletes()).as("its expiry minute, in one request").isEqualTo(1);

    WorkflowRun deleting = world.run(key);
    if (deleting != null) {
      assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(world.finalizer.finalizeRun(key).kind()).isEqualTo(StepResult.Kind.DONE);
    }
    assertThat(world.run(key)).isNull();
    assertThat(world.argo(key)).as("finalize removed the Argo Workflow").isNull();
    assertThat(externalSecret()).as("and the extra resources").isNull();
  }

  @Test
  void aRedeliveredAddEventDispatchesOnce() {
    RunKey key = world.createRun("docker-build/workflowrun-simple-run.yaml");
    assertThat(world.dispatch.dispatch(key).kind()).isEqualTo(StepResult.Kind.DONE);
    String uid = world.argo(key).getMetadata().getUid();
    assertThat(world.dispatch.dispatch(key).kind()).isEqualTo(StepResult.Kind.NOTHING);
    assertThat(world.argo(key).getMetadata().getUid()).isEqualTo(uid);
  }

  @Test
  void invalidParametersEndTheRunFailedWithEveryViolation() {
    RunKey key = world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: bad-params, namespace: default}
        spec: {workflow: {name: docker, parameters: {docker: {context: 1}}}}
        """);
    world.dispatch.dispatch(key);
    WorkflowRun run = world.run(key);
    assertThat(run.getStatus().phase()).isEqualTo("Failed");
    Condition failed = run.getStatus().conditions().stream().filter(c -> c.getType().equals("WorkflowFailed"))
        .findFirst().orElseThrow();
    assertThat(failed.getReason()).isEqualTo("InvalidParameters");
    assertThat(failed.getMessage()).contains("spec.workflow.parameters.docker.context: must be of type string")
        .contains("spec.workflow.parameters.repository: required");
    assertThat(world.argo(key)).as("nothing was created").isNull();
  }

  @Test
  void aRunForAnUnknownWorkflowFails() {
    RunKey key = world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: no-such, namespace: default}
        spec: {workflow: {name: nope}}
        """);
    world.dispatch.dispatch(key);
    assertThat(world.run(key).getStatus().phase()).isEqualTo("Failed");
    assertThat(world.run(key).getStatus().conditions()).anySatisfy(c ->
        assertThat(c.getMessage()).startsWith("Workflow is not found in the cluster"));
  }

  @Test
  void aComponentRunForAWorkflowItsTypeDoesNotAllowFails() {
    RunKey key = world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata:
          name: not-allowed
          namespace: default
          labels: {openchoreo.dev/component: greeter-service, openchoreo.dev/project: other}
        spec: {workflow: {name: docker, parameters: {repository: {url: u}}}}
        """);
    world.dispatch.dispatch(key);
    assertThat(world.run(key).getStatus().conditions()).anySatisfy(c -> {
      assertThat(c.getReason()).isEqualTo("ComponentValidationFailed");
      assertThat(c.getMessage()).isEqualTo("workflow run project label \"other\" does not match component "
          + "\"greeter-service\" owner project \"default\"");
    });
  }

  @Test
  void anArgoWorkflowThatVanishedFailsTheRun() {
    RunKey key = world.createRun("docker-build/workflowrun-simple-run.yaml");
    world.dispatch.dispatch(key);
    world.build.resources(ArgoWorkflow.class).inNamespace("openchoreo-ci-default").withName(key.name()).delete();
    world.sync.sync(key);
    assertThat(world.run(key).getStatus().phase()).isEqualTo("Failed");
    assertThat(world.run(key).getStatus().conditions()).anySatisfy(c ->
        assertThat(c.getMessage()).isEqualTo("Workflow is not found in the cluster"));
  }

  @Test
  void resyncDispatchesARunWhoseEventWasLostAndDeletesOrphans() {
    RunKey key = world.createRun("docker-build/workflowrun-simple-run.yaml");
    world.clock.advance(Duration.ofMinutes(5));
    Resync.Report report = world.resync.tick();
    assertThat(report.dispatched()).isEqualTo(1);
    assertThat(world.argo(key)).isNotNull();
    assertThat(report.planesProbed()).isEqualTo(1);

    world.control.resources(WorkflowRun.class).inNamespace("default").withName(key.name())
        .edit(r -> {
          r.getMetadata().setFinalizers(null);
          return r;
        });
    world.control.resources(WorkflowRun.class).inNamespace("default").withName(key.name()).delete();
    assertThat(world.resync.tick().orphansDeleted()).isEqualTo(1);
    assertThat(world.argo(key)).isNull();
  }

  private GenericKubernetesResource externalSecret() {
    return world.build.genericKubernetesResources(new ResourceDefinitionContext.Builder()
            .withGroup("external-secrets.io").withVersion("v1").withKind("ExternalSecret")
            .withPlural("externalsecrets").withNamespaced(true).build())
        .inNamespace("openchoreo-ci-default").withName("greeter-build-01-git-secret").get();
  }
}
