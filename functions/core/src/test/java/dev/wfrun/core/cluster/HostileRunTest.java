package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.render.RunRenderer;
import dev.wfrun.core.status.RunConditions;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.testing.World;
import dev.wfrun.core.yaml.ManifestReader;
import dev.wfrun.core.yaml.ManifestWriter;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs an attacker shapes: stale and duplicate attempts, names, sizes, other tenants' objects. */
class HostileRunTest {
  private static final ResourceDefinitionContext EXTERNAL_SECRETS = new ResourceDefinitionContext.Builder()
      .withGroup("external-secrets.io").withVersion("v1").withKind("ExternalSecret").withPlural("externalsecrets")
      .withNamespaced(true).build();
  private final World world = new World();

  @AfterEach
  void close() {
    world.close();
  }

  private RunKey run(String name, String namespace, Map<String, Object> extraParameters) {
    StringBuilder extra = new StringBuilder();
    extraParameters.forEach((k, v) -> extra.append("      ").append(k).append(": ").append(v).append('\n'));
    return world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: %s, namespace: %s}
        spec:
          workflow:
            name: docker
            parameters:
              repository:
                url: https://github.com/openchoreo/sample-workloads
                secretRef: github-credentials
        %s""".formatted(name, namespace, extra));
  }

  private static Condition condition(WorkflowRun run, String type) {
    return run.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  private GenericKubernetesResource externalSecret(String namespace, String name, String runNamespace, String runName) {
    world.build.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
        .build()).createOr(n -> n.update());
    return world.build.genericKubernetesResources(EXTERNAL_SECRETS).inNamespace(namespace).resource(
        new GenericKubernetesResourceBuilder().withApiVersion("external-secrets.io/v1").withKind("ExternalSecret")
            .withNewMetadata().withName(name).withNamespace(namespace)
            .withLabels(Map.of(OpenChoreo.LABEL_WORKFLOWRUN, runName, OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE,
                runNamespace)).endMetadata()
            .withAdditionalProperties(Map.of("spec", Map.of("refreshInterval", "1h"))).build()).create();
  }

  @Test
  void aStaleAttemptDoesNotRebuildARunThatFinishedMeanwhile() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    RenderDispatch slow = new RenderDispatch(world.as("wfrun-render-dispatch"), world.planes, new RunRenderer(),
        world.clock);
    slow.beforeBuildPlaneWrites(() -> {
      // meanwhile another attempt dispatches, Argo finishes the run and its Workflow is collected
      world.dispatch.dispatch(key);
      world.setArgoStatus(key, ArgoProgress.at(key.name(), ArgoProgress.STEPS.size(), World.START));
      world.sync.sync(key);
      world.build.resources(ArgoWorkflow.class).inNamespace("openchoreo-ci-default").withName(key.name()).delete();
    });

    StepResult result = slow.dispatch(key);

    assertThat(result.kind()).isEqualTo(StepResult.Kind.NOTHING);
    assertThat(world.run(key).getStatus().phase()).isEqualTo("Succeeded");
    assertThat(world.argo(key)).as("not built again").isNull();
  }

  @Test
  void aSecondDeliveryWhileADispatchIsInFlightDoesNothing() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    AtomicReference<StepResult> second = new AtomicReference<>();
    world.dispatch.beforeBuildPlaneWrites(() -> second.set(world.dispatch.dispatch(key)));

    assertThat(world.dispatch.dispatch(key).kind()).isEqualTo(StepResult.Kind.DONE);
    assertThat(second.get().kind()).isEqualTo(StepResult.Kind.NOTHING);
    assertThat(second.get().detail()).contains("in flight");
  }

  @Test
  void aSecretRefThatIsAPathIsRefusedByTheSampleSchema() {
    RunKey key = run("traversal", "default", Map.of());
    world.control.resources(WorkflowRun.class).inNamespace("default").withName("traversal").edit(r -> {
      ((com.fasterxml.jackson.databind.node.ObjectNode) r.getSpec().workflow().parameters().path("repository"))
          .put("secretRef", "../../victim-ns/secretreferences/victim-creds");
      return r;
    });

    world.dispatch.dispatch(key);

    Condition completed = condition(world.run(key), RunConditions.COMPLETED);
    assertThat(completed.getReason()).isEqualTo(RunConditions.REASON_INVALID_PARAMETERS);
    assertThat(completed.getMessage()).contains("repository.secretRef");
  }

  @Test
  void aSecretRefThatIsAPathFailsTheRunWithoutAnyRequest() {
    world.apply(ManifestReader.parse("wf", ManifestWriter.yaml(Repo.sample("docker-build/workflow-docker.yaml").node())
        .replaceAll("pattern=\\S+ ", "")).get(0)); // a Workflow without the sample's patterns
    RunKey key = run("traversal", "default", Map.of());
    world.control.resources(WorkflowRun.class).inNamespace("default").withName("traversal").edit(r -> {
      ((com.fasterxml.jackson.databind.node.ObjectNode) r.getSpec().workflow().parameters().path("repository"))
          .put("secretRef", "../../victim-ns/secretreferences/victim-creds");
      return r;
    });

    StepResult result = world.dispatch.dispatch(key);

    assertThat(result.kind()).isEqualTo(StepResult.Kind.FAILED);
    assertThat(result.reason()).isEqualTo(RunConditions.REASON_RENDER_FAILED);
    WorkflowRun run = world.run(key);
    assertThat(run.getStatus().phase()).isEqualTo("Failed");
    Condition completed = condition(run, RunConditions.COMPLETED);
    assertThat(completed.getReason()).isEqualTo(RunConditions.REASON_RENDER_FAILED);
    assertThat(completed.getMessage()).contains("is not a valid Kubernetes name");
  }

  @Test
  void aRunNameTooLongForALabelFailsUpFront() {
    String name = "r".repeat(70);
    RunKey key = run(name, "default", Map.of());

    world.dispatch.dispatch(key);

    WorkflowRun run = world.run(key);
    assertThat(run.getStatus().phase()).isEqualTo("Failed");
    assertThat(condition(run, RunConditions.COMPLETED).getMessage()).contains("label values are at most 63");
    assertThat(world.build.resources(ArgoWorkflow.class).inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void aNamespaceTooLongForItsExecutionNamespaceFailsUpFront() {
    String namespace = "n".repeat(55);
    world.control.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
        .build()).create();
    RunKey key = run("short", namespace, Map.of());

    world.dispatch.dispatch(key);

    assertThat(condition(world.run(key), RunConditions.COMPLETED).getMessage())
        .contains("too long for a build-plane execution namespace");
  }

  @Test
  void aResourceNamedLikeAnotherRunsObjectFailsTheRunAndLeavesThatObjectAlone() {
    GenericKubernetesResource other = externalSecret("openchoreo-ci-default", "greeter-build-01-git-secret",
        "default", "someone-else");
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");

    world.dispatch.dispatch(key);

    WorkflowRun run = world.run(key);
    assertThat(run.getStatus().phase()).isEqualTo("Failed");
    assertThat(condition(run, RunConditions.COMPLETED).getMessage()).contains("does not belong to WorkflowRun");
    GenericKubernetesResource after = world.build.genericKubernetesResources(EXTERNAL_SECRETS)
        .inNamespace("openchoreo-ci-default").withName("greeter-build-01-git-secret").get();
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(other.getMetadata().getResourceVersion());
    assertThat(world.argo(key)).isNull();
  }

  @Test
  void finalizeDeletesOnlyThisRunsObjectsInItsOwnExecutionNamespace() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world.dispatch.dispatch(key);
    GenericKubernetesResource victim = externalSecret("openchoreo-ci-victim", "victim-secret", "victim", "their-run");
    GenericKubernetesResource unowned = externalSecret("openchoreo-ci-default", "platform-secret", "default", "other");
    // a tenant rewrites the run's status and plane annotation to point finalize elsewhere
    WorkflowRun run = world.run(key);
    List<ResourceReference> pointed = new java.util.ArrayList<>(run.getStatus().resources());
    pointed.add(new ResourceReference("external-secrets.io/v1", "ExternalSecret", "victim-secret", "openchoreo-ci-victim"));
    pointed.add(new ResourceReference("external-secrets.io/v1", "ExternalSecret", "platform-secret", "openchoreo-ci-default"));
    run.setStatus(run.getStatus().withResources(pointed));
    world.control.resources(WorkflowRun.class).inNamespace("default").resource(run).updateStatus();
    world.control.resources(WorkflowRun.class).inNamespace("default").withName(key.name()).delete();

    StepResult result = world.finalizer.finalizeRun(key);

    assertThat(result.detail()).startsWith("deleted 2 build-plane objects");
    assertThat(world.argo(key)).isNull();
    var secrets = world.build.genericKubernetesResources(EXTERNAL_SECRETS);
    assertThat(secrets.inNamespace("openchoreo-ci-victim").withName(victim.getMetadata().getName()).get()).isNotNull();
    assertThat(secrets.inNamespace("openchoreo-ci-default").withName(unowned.getMetadata().getName()).get()).isNotNull();
    assertThat(secrets.inNamespace("openchoreo-ci-default").withName("greeter-build-01-git-secret").get()).isNull();
  }

  @Test
  void finalizeIgnoresAPlaneTheRunsNamespaceMayNotUse() {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world.dispatch.dispatch(key);
    world.control.resources(WorkflowRun.class).inNamespace("default").withName(key.name()).edit(r -> {
      r.getMetadata().getAnnotations().put(PlaneClients.PLANE_ANNOTATION, "WorkflowPlane/victim/their-plane");
      return r;
    });
    world.control.resources(WorkflowRun.class).inNamespace("default").withName(key.name()).delete();

    StepResult result = world.finalizer.finalizeRun(key);

    assertThat(result.detail()).startsWith("deleted 0 build-plane objects");
    assertThat(world.run(key)).as("the finalizer is still removed").isNull();
  }

  @Test
  void aRefusalOfTheBuildPlaneIsAVisibleFailureNotAnEndlessRetry() {
    world.buildServer.client().rbac().clusterRoles().withName("wfrun-build-plane").edit(role -> {
      role.getRules().removeIf(r -> r.getApiGroups().contains("external-secrets.io"));
      return role;
    });
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");

    StepResult result = world.dispatch.dispatch(key);

    assertThat(result.kind()).isEqualTo(StepResult.Kind.FAILED);
    assertThat(result.reason()).isEqualTo(RunConditions.REASON_BUILD_PLANE_REFUSED);
    Condition completed = condition(world.run(key), RunConditions.COMPLETED);
    assertThat(completed.getReason()).isEqualTo(RunConditions.REASON_BUILD_PLANE_REFUSED);
    assertThat(completed.getMessage()).contains("HTTP 403").contains("externalsecrets");
  }

  @Test
  void aTemplateThatWouldRunForMinutesFailsTheRunNamingTheLimit() {
    String workflow = ManifestWriter.yaml(Repo.sample("docker-build/workflow-docker.yaml").node())
        .replaceFirst("name: docker\n", "name: expensive\n");
    world.apply(ManifestReader.parse("wf", workflow.replace("entrypoint: build-workflow",
        "entrypoint: \"${string(lists.range(6000).map(i, lists.range(6000).map(j, i*j)).size())}\"")).get(0));
    RunKey key = world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: expensive, namespace: default}
        spec:
          workflow:
            name: expensive
            parameters: {repository: {url: https://github.com/openchoreo/sample-workloads}}
        """);

    world.dispatch.dispatch(key);

    Condition completed = condition(world.run(key), RunConditions.COMPLETED);
    assertThat(completed.getReason()).isEqualTo(RunConditions.REASON_RENDER_FAILED);
    assertThat(completed.getMessage()).contains("CEL evaluation cost limit of 4000000 exceeded");
    assertThat(world.argo(key)).isNull();
  }

  @Test
  void aRenderedWorkflowTooLargeToStoreFailsTheRun() {
    RunKey key = run("huge", "default", Map.of("docker", "{context: \"" + "x".repeat(1_200_000) + "\"}"));

    world.dispatch.dispatch(key);

    assertThat(condition(world.run(key), RunConditions.COMPLETED).getMessage())
        .contains("over the limit of " + RenderDispatch.MAX_RENDERED_BYTES);
  }
}
