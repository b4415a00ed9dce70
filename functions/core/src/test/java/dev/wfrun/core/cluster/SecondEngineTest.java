package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngine;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.engine.EngineObservation;
import dev.wfrun.core.engine.EnginePhase;
import dev.wfrun.core.engine.OwnedRunObject;
import dev.wfrun.core.engine.RunObjectType;
import dev.wfrun.core.engine.TaskLogStream;
import dev.wfrun.core.engine.argo.ArgoEngine;
import dev.wfrun.core.kube.OwnedObjects;
import dev.wfrun.core.kube.RunServiceAccount;
import dev.wfrun.core.render.RenderException;
import dev.wfrun.core.render.RunRenderer;
import dev.wfrun.core.template.TemplateEngine;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.World;
import dev.wfrun.core.yaml.ManifestReader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build-engine port carries a second engine end to end, with no change to the steps: a
 * Workflow whose runTemplate is a Tekton PipelineRun is dispatched, synced, superseded-stopped and
 * finalized through a minimal test engine, next to Argo in one registry.
 */
class SecondEngineTest {
  private static final RunObjectType PIPELINE_RUN = new RunObjectType("tekton.dev", "v1", "PipelineRun", "pipelineruns");
  private static final BuildEngines ENGINES = new BuildEngines(List.of(new ArgoEngine(), new PipelineRunEngine()));
  private static World world;
  private static RenderDispatch dispatch;
  private static StatusSync sync;
  private static RunFinalizer finalizer;
  private static final List<BuildPlanes> planes = new ArrayList<>();

  @BeforeAll
  static void start() {
    world = new World();
    // a platform engineer adding an engine lets wfrun's build-plane identity manage its run objects
    world.build.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("wfrun-tekton")
        .endMetadata().addNewRule().withApiGroups("tekton.dev").withResources("pipelineruns")
        .withVerbs("get", "list", "create", "patch", "delete").endRule().build()).create();
    world.build.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
        .withName("wfrun-tekton").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "wfrun-tekton")
        .addNewSubject().withKind("ServiceAccount").withName(ApiServers.BUILD_PLANE_ACCOUNT)
        .withNamespace(ApiServers.SYSTEM).endSubject().build()).create();
    KubernetesClient dispatcher = world.as("wfrun-render-dispatch");
    dispatch = new RenderDispatch(dispatcher, planes(dispatcher), new RunRenderer(new TemplateEngine(), ENGINES),
        ENGINES, world.clock);
    KubernetesClient syncer = world.as("wfrun-status-sync");
    sync = new StatusSync(syncer, planes(syncer), ENGINES, world.clock);
    KubernetesClient finalizing = world.as("wfrun-finalize");
    finalizer = new RunFinalizer(finalizing, planes(finalizing), ENGINES);
    world.apply(ManifestReader.parse("test", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata:
          name: tekton-build
          namespace: default
        spec:
          schema:
            parameters:
              url: string
          runTemplate:
            apiVersion: tekton.dev/v1
            kind: PipelineRun
            metadata:
              name: ${metadata.workflowRunName}
              namespace: openchoreo-ci-${metadata.namespaceName}
            spec:
              pipelineRef:
                name: build
              params:
              - name: url
                value: ${parameters.url}
              taskRunTemplate:
                serviceAccountName: workflow-sa
        """).get(0));
  }

  private static BuildPlanes planes(KubernetesClient client) {
    BuildPlanes p = new BuildPlanes(client);
    planes.add(p);
    return p;
  }

  @AfterAll
  static void stop() {
    planes.forEach(BuildPlanes::close);
    world.close();
  }

  @Test
  void aPipelineRunIsDispatchedSyncedAndFinalizedThroughTheSameSteps() {
    RunKey key = world.createRunYaml(run("tekton-1"));
    assertThat(dispatch.dispatch(key).kind()).isEqualTo(StepResult.Kind.DONE);
    WorkflowRun dispatched = world.run(key);
    assertThat(dispatched.getStatus().runReference())
        .isEqualTo(new ResourceReference("tekton.dev/v1", "PipelineRun", "tekton-1", "openchoreo-ci-default"));
    assertThat(world.build.serviceAccounts().inNamespace("openchoreo-ci-default").withName("workflow-sa").get())
        .as("prepared by the engine").isNotNull();

    setSucceeded("tekton-1", "True");
    assertThat(sync.sync(key).kind()).isEqualTo(StepResult.Kind.DONE);
    assertThat(world.run(key).getStatus().phase()).isEqualTo("Succeeded");

    world.control.resources(WorkflowRun.class).inNamespace(key.namespace()).withName(key.name()).delete();
    assertThat(finalizer.finalizeRun(key).detail()).startsWith("deleted 1 build-plane objects");
    assertThat(pipelineRun("tekton-1")).isNull();
    assertThat(world.run(key)).isNull();
  }

  @Test
  void aFailedPipelineRunFailsTheRun() {
    RunKey key = world.createRunYaml(run("tekton-2"));
    dispatch.dispatch(key);
    setSucceeded("tekton-2", "False");
    sync.sync(key);
    assertThat(world.run(key).getStatus().phase()).isEqualTo("Failed");
  }

  @Test
  void aRunTemplateNoEngineRunsFailsTheRunNamingTheKinds() {
    world.apply(ManifestReader.parse("test", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata:
          name: job-build
          namespace: default
        spec:
          runTemplate:
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: ${metadata.workflowRunName}
            spec:
              serviceAccountName: workflow-sa
        """).get(0));
    RunKey key = world.createRunYaml(run("job-1").replace("tekton-build", "job-build"));
    dispatch.dispatch(key);
    WorkflowRun failed = world.run(key);
    assertThat(failed.getStatus().phase()).isEqualTo("Failed");
    assertThat(failed.getStatus().conditions()).anySatisfy(c -> assertThat(c.getMessage())
        .contains("spec.runTemplate", "batch/v1 Job", "argoproj.io/v1alpha1 Workflow", "tekton.dev/v1 PipelineRun"));
  }

  private static String run(String name) {
    return """
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata:
          name: %s
          namespace: default
        spec:
          workflow:
            name: tekton-build
            parameters:
              url: https://github.com/myorg/hello-world
        """.formatted(name);
  }

  private static GenericKubernetesResource pipelineRun(String name) {
    return new OwnedObjects(world.build).resources(PIPELINE_RUN.apiVersion(), PIPELINE_RUN.kind())
        .inNamespace("openchoreo-ci-default").withName(name).get();
  }

  /** Plays Tekton's controller: the Succeeded condition. */
  private static void setSucceeded(String name, String status) {
    new OwnedObjects(world.build).resources(PIPELINE_RUN.apiVersion(), PIPELINE_RUN.kind())
        .inNamespace("openchoreo-ci-default").withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"conditions\":[{\"type\":\"Succeeded\",\"status\":\"" + status + "\"}]}}");
  }

  /** A minimal engine for Tekton PipelineRuns, written only against the port. */
  static final class PipelineRunEngine implements BuildEngine {
    @Override
    public String id() {
      return "tekton";
    }

    @Override
    public RunObjectType runObjectType() {
      return PIPELINE_RUN;
    }

    @Override
    public void normalise(Map<String, Object> runObject) {
      // Tekton takes typed parameter values as they are
    }

    @Override
    @SuppressWarnings("unchecked")
    public String serviceAccountOf(Map<String, Object> runObject) {
      Object spec = runObject.get("spec");
      Object template = spec instanceof Map<?, ?> m ? m.get("taskRunTemplate") : null;
      Object sa = template instanceof Map<?, ?> t ? ((Map<String, Object>) t).get("serviceAccountName") : null;
      if (!(sa instanceof String name)) {
        throw new RenderException("spec.taskRunTemplate.serviceAccountName not found");
      }
      return name;
    }

    @Override
    public void prepare(KubernetesClient plane, String namespace, String serviceAccount) {
      RunServiceAccount.ensure(new OwnedObjects(plane), namespace, serviceAccount, List.of());
    }

    @Override
    public ResourceReference submit(KubernetesClient plane, Map<String, Object> runObject, String runNamespace,
        String runName) {
      return new OwnedObjects(plane).createOrAdopt(runObject, runNamespace, runName);
    }

    @Override
    public Optional<EngineObservation> observe(KubernetesClient plane, ResourceReference ref, String runNamespace,
        String runName) {
      GenericKubernetesResource live = new OwnedObjects(plane).resources(ref.apiVersion(), ref.kind())
          .inNamespace(ref.namespace()).withName(ref.name()).get();
      if (live == null || !OwnedObjects.ownedBy(live, runNamespace, runName)) {
        return Optional.empty();
      }
      Object status = live.getAdditionalProperties().get("status");
      Object conditions = status instanceof Map<?, ?> s ? s.get("conditions") : null;
      EnginePhase phase = EnginePhase.NOT_STARTED;
      if (conditions instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> c) {
        phase = switch (String.valueOf(c.get("status"))) {
          case "True" -> EnginePhase.SUCCEEDED;
          case "False" -> EnginePhase.FAILED;
          default -> EnginePhase.RUNNING;
        };
      }
      return Optional.of(new EngineObservation(phase, null, Map.of(), null));
    }

    @Override
    public boolean stop(KubernetesClient plane, ResourceReference ref, String runNamespace, String runName,
        String reason) {
      new OwnedObjects(plane).resources(ref.apiVersion(), ref.kind()).inNamespace(ref.namespace())
          .withName(ref.name()).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"Cancelled\"}}");
      return true;
    }

    @Override
    public List<OwnedRunObject> owned(KubernetesClient plane, String runNamespace, String runName) {
      return new OwnedObjects(plane).resources(PIPELINE_RUN.apiVersion(), PIPELINE_RUN.kind()).inAnyNamespace()
          .withLabel(OpenChoreo.LABEL_MANAGED_BY, OpenChoreo.MANAGED_BY_VALUE).list().getItems().stream()
          .map(p -> new OwnedRunObject(OwnedObjects.reference(p),
              p.getMetadata().getLabels().get(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE),
              p.getMetadata().getLabels().get(OpenChoreo.LABEL_WORKFLOWRUN)))
          .filter(o -> runName == null || (runName.equals(o.runName()) && runNamespace.equals(o.runNamespace())))
          .toList();
    }

    @Override
    public List<TaskLogStream> logStreams(KubernetesClient plane, ResourceReference ref, String task) {
      return List.of();
    }
  }
}
