package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import dev.wfrun.api.v1alpha1.Workload;
import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.status.RunLifecycle;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each function, driven by CloudEvents over HTTP (binary and structured mode) as Knative delivers them. */
@QuarkusTest
@QuarkusTestResource(WorldResource.class)
class FunctionsTest {

  private static RequestSpecification binary(String type, String extensionName, String extensionValue) {
    return given()
        .header("ce-specversion", "1.0")
        .header("ce-id", UUID.randomUUID().toString())
        .header("ce-type", type)
        .header("ce-source", "https://kubernetes.default.svc")
        .header("ce-" + extensionName, extensionValue)
        .header("ce-traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        .contentType("application/json");
  }

  private static String ref(String kind, String namespace, String name) {
    return "{\"apiVersion\":\"openchoreo.dev/v1alpha1\",\"kind\":\"" + kind + "\",\"namespace\":\"" + namespace
        + "\",\"name\":\"" + name + "\"}";
  }

  private static World world() {
    return WorldResource.world;
  }

  /** The World is shared by the class's tests (one Quarkus boot): each test starts from the seed. */
  @org.junit.jupiter.api.AfterEach
  void reset() {
    world().reset();
  }

  @Test
  void renderDispatchCreatesTheArgoWorkflowInTheBuildPlane() {
    RunKey key = world().createRun("docker-build/workflowrun-docker-build-run-01.yaml");
    binary(CloudEventTypes.REF_ADD, "kind", "WorkflowRun")
        .body(ref("WorkflowRun", key.namespace(), key.name()))
        .post("/")
        .then().statusCode(200)
        .header("ce-type", CloudEventTypes.STEP_RESULT)
        .header("ce-source", "wfrun/render-dispatch")
        .body("result", equalTo("DONE"));
    assertThat(world().argo(key)).isNotNull();
    assertThat(world().run(key).getStatus().runReference().name()).isEqualTo(key.name());
  }

  @Test
  void statusSyncInStructuredModeFinishesTheRunAndWritesTheWorkload() {
    RunKey key = world().createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world().dispatch.dispatch(key);
    world().setArgoStatus(key, ArgoProgress.at(key.name(), ArgoProgress.STEPS.size(), World.START));
    String argo = Serialization.asJson(world().argo(key));
    given()
        .contentType("application/cloudevents+json")
        .body("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + CloudEventTypes.RESOURCE_UPDATE
            + "\",\"source\":\"https://build-plane\",\"kind\":\"Workflow\",\"datacontenttype\":\"application/json\","
            + "\"data\":" + argo + "}")
        .post("/")
        .then().statusCode(200)
        .body("data.result", equalTo("DONE"));
    WorkflowRun run = world().run(key);
    assertThat(run.getStatus().phase()).isEqualTo("Succeeded");
    assertThat(world().control.resources(Workload.class).inNamespace("default").withName("greeter-service-workload").get())
        .isNotNull();
  }

  @Test
  void queueAdvanceStartsTheNextQueuedBuildWhenOneFinishes() {
    world().control.resources(dev.wfrun.api.v1alpha1.Component.class).inNamespace("default")
        .withName("greeter-service").edit(c -> {
          c.getMetadata().setAnnotations(java.util.Map.of("wfrun.dev/max-concurrent-builds", "1"));
          return c;
        });
    RunKey first = world().createRun("docker-build/workflowrun-greeter-build-01.yaml");
    world().dispatch.dispatch(first);
    RunKey second = world().createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata:
          name: greeter-build-02
          namespace: default
          labels: {openchoreo.dev/component: greeter-service, openchoreo.dev/project: default}
        spec:
          workflow: {name: docker, parameters: {repository: {url: https://github.com/openchoreo/sample-workloads}}}
        """);
    world().dispatch.dispatch(second);
    assertThat(world().argo(second)).as("queued behind the first").isNull();
    world().setArgoStatus(first, ArgoProgress.at(first.name(), ArgoProgress.STEPS.size(), World.START));
    world().sync.sync(first);

    binary(CloudEventTypes.RESOURCE_UPDATE, "kind", "WorkflowRun").body(Serialization.asJson(world().run(first)))
        .post("/")
        .then().statusCode(200)
        .header("ce-source", "wfrun/queue-advance")
        .body("result", equalTo("DONE"));
    assertThat(world().argo(second)).isNotNull();
  }

  @Test
  void finalizeRemovesTheBuildPlaneObjectsOfADeletedRun() {
    RunKey key = world().createRun("docker-build/workflowrun-simple-run.yaml");
    world().dispatch.dispatch(key);
    world().control.resources(WorkflowRun.class).inNamespace(key.namespace()).withName(key.name()).delete();
    binary(CloudEventTypes.REF_UPDATE, "kind", "WorkflowRun")
        .body(ref("WorkflowRun", key.namespace(), key.name()))
        .post("/")
        .then().statusCode(200).body("result", equalTo("DONE"));
    assertThat(world().argo(key)).isNull();
    assertThat(world().run(key)).isNull();
  }

  @Test
  void ttlCleanupDeletesExpiredRuns() {
    WorkflowRun run = Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: expired, namespace: default}
        spec: {workflow: {name: docker}, ttlAfterCompletion: 1s}
        """);
    var runs = world().control.resources(WorkflowRun.class).inNamespace("default");
    WorkflowRun created = runs.resource(run).create();
    WorkflowRunStatus done = RunLifecycle.fail(null, "WorkflowFailed", "failed", 1, "2020-01-01T00:00:00Z");
    created.setStatus(done);
    runs.resource(created).updateStatus();
    binary(CloudEventTypes.PING, "wfruntask", "ttl-cleanup").body("{}").post("/")
        .then().statusCode(200).body("result", equalTo("DONE"));
    assertThat(runs.withName("expired").get()).isNull();
  }

  @Test
  void resyncDispatchesRunsWhoseEventWasLost() {
    RunKey key = world().createRun("generic-docker-build/workflowrun.yaml");
    world().apply(dev.wfrun.core.testing.Repo.sample("generic-docker-build/workflow.yaml"));
    binary(CloudEventTypes.PING, "wfruntask", "resync").body("{}").post("/")
        .then().statusCode(200).body("detail", containsString("planes probed 1"));
    assertThat(world().argo(key)).isNotNull();
  }

  @Test
  void componentCleanupDeletesTheComponentsRuns() {
    RunKey key = world().createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata:
          name: orphaned-build
          namespace: default
          labels: {openchoreo.dev/component: retired-service, openchoreo.dev/project: default}
        spec: {workflow: {name: docker}}
        """);
    binary(CloudEventTypes.REF_DELETE, "kind", "Component").body(ref("Component", "default", "retired-service"))
        .post("/").then().statusCode(200).body("result", equalTo("DONE"));
    assertThat(world().run(key)).isNull();
  }

  @Test
  void createRunsCreatesTheRequestedRunOnceEvenIfRedelivered() {
    String run = """
        {"apiVersion":"openchoreo.dev/v1alpha1","kind":"WorkflowRun",
         "metadata":{"name":"greeter-service-run-0a1b2c3d","namespace":"default",
                     "labels":{"openchoreo.dev/component":"greeter-service","openchoreo.dev/project":"default"}},
         "spec":{"workflow":{"kind":"Workflow","name":"docker","parameters":{"repository":{"url":"https://x/y"}}}}}
        """;
    binary(CloudEventTypes.RUN_REQUESTED, "subject", "default/greeter-service-run-0a1b2c3d").body(run).post("/")
        .then().statusCode(200).body("result", equalTo("DONE"));
    binary(CloudEventTypes.RUN_REQUESTED, "subject", "default/greeter-service-run-0a1b2c3d").body(run).post("/")
        .then().statusCode(200).body("result", equalTo("NOTHING"));
    assertThat(world().run(new RunKey("default", "greeter-service-run-0a1b2c3d"))).isNotNull();
  }

  @Test
  void anEventThatNamesNoObjectIsABadRequest() {
    binary(CloudEventTypes.REF_ADD, "kind", "WorkflowRun").body("{\"kind\":\"WorkflowRun\"}").post("/")
        .then().statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("detail", equalTo("event data must name the object: namespace and name are required"));
  }

  @Test
  void anUnknownEventTypeIsNotRouted() {
    binary("dev.example.unknown", "kind", "WorkflowRun").body(ref("WorkflowRun", "default", "x")).post("/")
        .then().statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("no function handles CloudEvent type dev.example.unknown"));
  }

  @Test
  void theReplyCarriesTheTraceContextOn() {
    RunKey key = world().createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: traced, namespace: default}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://example.com/r}}}}
        """);
    binary(CloudEventTypes.REF_ADD, "kind", "WorkflowRun").body(ref("WorkflowRun", key.namespace(), key.name()))
        .post("/")
        .then().statusCode(200)
        .header("ce-traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        .header("ce-subject", key.toString());
  }

  @Test
  void anArgoWorkflowDeletedUnderARunningRunFailsIt() {
    RunKey key = world().createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: vanishing, namespace: default}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://example.com/r}}}}
        """);
    world().dispatch.dispatch(key);
    String argo = Serialization.asJson(world().argo(key));
    world().build.resources(dev.wfrun.api.argo.ArgoWorkflow.class).inNamespace("openchoreo-ci-default")
        .withName("vanishing").delete();
    binary(CloudEventTypes.RESOURCE_DELETE, "kind", "Workflow").body(argo).post("/")
        .then().statusCode(200).body("result", equalTo("DONE"));
    assertThat(world().run(key).getStatus().phase()).isEqualTo("Failed");
  }

  @Test
  void anUnreachableBuildPlaneIsA503SoKnativeRetries() {
    var control = world().control;
    control.resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("dead")
        .endMetadata().build()).create();
    String kubeconfig = world().buildServer.kubeconfig().replaceAll("http://[^\"]+", "http://127.0.0.1:9");
    // a tenant's own plane: its kubeconfig Secret in its namespace, readable by render-dispatch there
    control.rbac().roles().inNamespace("dead").resource(new io.fabric8.kubernetes.api.model.rbac.RoleBuilder()
        .withNewMetadata().withName("kubeconfig-reader").withNamespace("dead").endMetadata()
        .addNewRule().withApiGroups("").withResources("secrets").withResourceNames("dead-plane").withVerbs("get")
        .endRule().build()).create();
    control.rbac().roleBindings().inNamespace("dead").resource(new io.fabric8.kubernetes.api.model.rbac
        .RoleBindingBuilder().withNewMetadata().withName("kubeconfig-reader").withNamespace("dead").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "kubeconfig-reader")
        .addNewSubject().withKind("ServiceAccount").withName("wfrun-render-dispatch").withNamespace("wfrun-system")
        .endSubject().build()).create();
    control.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("dead-plane")
        .withNamespace("dead").endMetadata()
        .withData(java.util.Map.of("kubeconfig", java.util.Base64.getEncoder().encodeToString(kubeconfig.getBytes())))
        .build()).create();
    world().apply(dev.wfrun.core.yaml.ManifestReader.parse("plane", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowPlane
        metadata:
          name: default
          namespace: dead
          annotations: {wfrun.dev/kubeconfig-secret: dead/dead-plane}
        spec:
          clusterAgent: {clientCA: {value: x}}
        """).get(0));
    world().apply(dev.wfrun.core.yaml.ManifestReader.parse("wf", dev.wfrun.core.yaml.ManifestWriter.yaml(
        dev.wfrun.core.testing.Repo.sample("docker-build/workflow-docker.yaml").node()).replace("namespace: default",
        "namespace: dead")).get(0));
    control.resources(WorkflowRun.class).inNamespace("dead").resource(Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: stuck, namespace: dead}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://example.com/r}}}}
        """)).create();
    binary(CloudEventTypes.REF_ADD, "kind", "WorkflowRun").body(ref("WorkflowRun", "dead", "stuck")).post("/")
        .then().statusCode(503)
        .contentType("application/problem+json")
        .body("title", equalTo("Kubernetes API server failed"));
    WorkflowRunStatus status = control.resources(WorkflowRun.class).inNamespace("dead").withName("stuck").get().getStatus();
    assertThat(status == null ? null : status.runReference())
        .as("nothing half-written: the run is not marked dispatched").isNull();
  }

  @Test
  void stepsAreCountedInThePrometheusMetrics() {
    RunKey key = world().createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: metrics-run, namespace: default}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://example.com/r}}}}
        """);
    binary(CloudEventTypes.REF_ADD, "kind", "WorkflowRun").body(ref("WorkflowRun", key.namespace(), key.name()))
        .post("/").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200)
        .body(containsString("wfrun_steps_total{function=\"render-dispatch\""))
        .body(containsString("wfrun_step_latency_seconds_count{function=\"render-dispatch\""));
  }

  @Test
  void reportStatusSetsTheCommitStatusOfARunCreatedFromAPush() {
    String commit = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    RunKey key = world().createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata:
          name: pushed
          namespace: default
          annotations:
            wfrun.dev/git-provider: github
            wfrun.dev/git-repository: https://github.com/openchoreo/sample-workloads
            wfrun.dev/git-commit: %s
        spec: {workflow: {name: docker, parameters: {repository: {url: https://github.com/openchoreo/sample-workloads}}}}
        """.formatted(commit));
    String stepReply = binary(CloudEventTypes.REF_ADD, "kind", "WorkflowRun")
        .body(ref("WorkflowRun", key.namespace(), key.name())).post("/")
        .then().statusCode(200)
        .header("ce-" + CloudEventTypes.SUBJECT_KIND_ATTRIBUTE, "WorkflowRun")
        .extract().asString();

    binary(CloudEventTypes.STEP_RESULT, CloudEventTypes.SUBJECT_KIND_ATTRIBUTE, "WorkflowRun").body(stepReply).post("/")
        .then().statusCode(200)
        .header("ce-type", CloudEventTypes.COMMIT_STATUS_RESULT)
        .body("result", equalTo("DONE"))
        .body("detail", equalTo("pending"));

    assertThat(WorldResource.gitHub.posts()).filteredOn(c -> c.path().endsWith(commit)).singleElement()
        .satisfies(c -> assertThat(c.body()).contains("\"state\":\"pending\"")
            .contains("\"context\":\"wfrun/pushed\"")
            .contains("\"target_url\":\"https://console.example/runs/default/pushed\""));
  }

  @Test
  void reportStatusRejectsAStepResultThatNamesNoRun() {
    binary(CloudEventTypes.STEP_RESULT, CloudEventTypes.SUBJECT_KIND_ATTRIBUTE, "WorkflowRun")
        .body("{\"function\":\"render-dispatch\",\"subject\":\"tick\"}").post("/")
        .then().statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("data.subject"));
  }
}
