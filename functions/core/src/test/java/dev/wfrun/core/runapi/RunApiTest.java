package dev.wfrun.core.runapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.core.cluster.BuildPlanes;
import dev.wfrun.core.cluster.LiveRunObjects;
import dev.wfrun.core.cluster.RunCancel;
import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.cluster.RunRerun;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run API as its callers see it: their token, the cluster's RBAC, problem answers naming the field. */
class RunApiTest {
  private static final String DEV = "Bearer dev-token";
  private static final String READER = "Bearer reader-token";
  private final World world = new World(ApiServers.controlPlaneReviewing(
      Map.of("dev-token", "dev", "reader-token", "reader"),
      Set.of(ApiServers.grant("dev", "get", "openchoreo.dev/workflowruns", "default"),
          ApiServers.grant("dev", "list", "openchoreo.dev/workflowruns", "default"),
          ApiServers.grant("dev", "update", "openchoreo.dev/workflowruns", "default"),
          ApiServers.grant("dev", "create", "openchoreo.dev/workflowruns", "default"),
          ApiServers.grant("dev", "delete", "openchoreo.dev/workflowruns", "default"),
          ApiServers.grant("reader", "get", "openchoreo.dev/workflowruns", "default"),
          ApiServers.grant("reader", "list", "openchoreo.dev/workflowruns", "default"))));
  private final KubernetesClient service = world.as("wfrun-workload-api");
  private final BuildPlanes planes = new BuildPlanes(service);
  private final RunApi api = new RunApi(service, new RunCancel(service, planes, world.clock), new RunRerun(service),
      new LiveRunObjects(service, planes), new dev.wfrun.core.cluster.ComponentBuild(service, world.clock));

  @AfterEach
  void close() {
    planes.close();
    world.close();
  }

  private RunKey run(String name) {
    return world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: %s, namespace: default}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://github.com/myorg/hello-world}}}}
        """.formatted(name));
  }

  @Test
  void listingPagesThroughTheRunsWithACursor() {
    run("page-1");
    run("page-2");
    run("page-3");
    RunApiAnswer first = api.list(READER, "default", "2", null, null, null);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("items")).hasSize(2);
    String cursor = first.body().path("nextCursor").asText();
    assertThat(cursor).isNotEmpty();
    RunApiAnswer second = api.list(READER, "default", "2", cursor, null, null);
    assertThat(second.body().path("items")).hasSize(1);
    assertThat(second.body().has("nextCursor")).isFalse();
  }

  @Test
  void listingFiltersByWorkflowAndRefusesABadLimitNamingIt() {
    run("by-docker");
    assertThat(api.list(READER, "default", null, null, null, "docker").body().path("items")).hasSize(1);
    assertThat(api.list(READER, "default", null, null, null, "other").body().path("items")).isEmpty();
    RunApiAnswer bad = api.list(READER, "default", "5000", null, null, null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.detail()).startsWith("limit:").contains("1 to 500");
  }

  @Test
  void theStatusHasTheStepsAndSaysWhetherLiveLogsCanStillBeRead() {
    RunKey key = run("with-status");
    world.dispatch.dispatch(key);
    world.setArgoStatus(key, ArgoProgress.at(key.name(), 1, World.START));
    world.sync.sync(key);
    RunApiAnswer status = api.status(READER, "default", "with-status");
    assertThat(status.body().path("status").asText()).isEqualTo("Running");
    assertThat(status.body().path("steps")).isNotEmpty();
    assertThat(status.body().path("steps").get(0).has("phase")).isTrue();
    assertThat(status.body().path("hasLiveObservability").asBoolean()).isTrue();

    world.build.resources(ArgoWorkflow.class).inAnyNamespace().delete();
    assertThat(api.status(READER, "default", "with-status").body().path("hasLiveObservability").asBoolean())
        .isFalse();
  }

  @Test
  void cancellingNeedsUpdateOnRunsAndASecondCancelIsAConflict() {
    RunKey key = run("to-cancel");
    world.dispatch.dispatch(key);
    RunApiAnswer refused = api.cancel(READER, "default", "to-cancel");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.detail()).contains("\"reader\"", "update workflowruns", "\"default\"");

    RunApiAnswer cancelled = api.cancel(DEV, "default", "to-cancel");
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().path("metadata").path("annotations").path(RunCancel.CANCELLED_BY).asText())
        .isEqualTo("dev");
    assertThat(cancelled.body().path("status").path("phase").asText()).isEqualTo("Failed");
    assertThat(api.cancel(DEV, "default", "to-cancel").status()).isEqualTo(409);
  }

  @Test
  void aReRunIsCreatedForWhoeverMayCreateRuns() {
    run("original");
    assertThat(api.rerun(READER, "default", "original").status()).isEqualTo(403);
    RunApiAnswer created = api.rerun(DEV, "default", "original");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("metadata").path("name").asText()).startsWith("original-rerun-");
    assertThat(created.body().path("metadata").path("annotations").path(RunRerun.RERUN_BY).asText()).isEqualTo("dev");
  }

  @Test
  void creatingARunNeedsCreateRightsAnExistingWorkflowAndAFreeName() {
    byte[] run = """
        {"apiVersion":"openchoreo.dev/v1alpha1","kind":"WorkflowRun","metadata":{"name":"via-api"},
         "spec":{"workflow":{"name":"docker","parameters":{"repository":{"url":"https://github.com/myorg/app"}}}}}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(api.create(READER, "default", run).status()).isEqualTo(403);
    RunApiAnswer created = api.create(DEV, "default", run);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("metadata").path("namespace").asText()).isEqualTo("default");
    assertThat(world.run(new RunKey("default", "via-api"))).isNotNull();
    assertThat(api.create(DEV, "default", run).status()).as("the name is taken").isEqualTo(409);

    RunApiAnswer missing = api.create(DEV, "default", """
        {"metadata":{"name":"nowhere"},"spec":{"workflow":{"name":"no-such-workflow"}}}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.detail()).startsWith("spec.workflow:").contains("no-such-workflow");
    RunApiAnswer elsewhere = api.create(DEV, "default", """
        {"metadata":{"name":"x","namespace":"other"},"spec":{"workflow":{"name":"docker"}}}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(elsewhere.status()).isEqualTo(400);
    assertThat(elsewhere.detail()).startsWith("metadata.namespace:");
    assertThat(api.create(DEV, "default", "[1]".getBytes(java.nio.charset.StandardCharsets.UTF_8)).detail())
        .startsWith("body:");
  }

  @Test
  void aRunWhoseParametersItsWorkflowRefusesIs422WithEveryViolationAndIsNotCreated() {
    RunApiAnswer refused = api.create(DEV, "default", """
        {"metadata":{"name":"bad-params"},"spec":{"workflow":{"name":"docker","parameters":{
          "repository":{"url":"ftp://example.com/x","revision":{"commit":"not-a-sha"}},
          "docker":{"context":"a b"}}}}}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.detail()).contains("spec.workflow.parameters.repository.url:",
        "spec.workflow.parameters.repository.revision.commit:", "spec.workflow.parameters.docker.context:");
    assertThat(world.run(new RunKey("default", "bad-params"))).as("nothing half-written").isNull();
  }

  @Test
  void buildingAComponentAtACommitNamesTheRunAsUpstreamAndPutsTheCommitWhereItsWorkflowWantsIt() {
    byte[] at = "{\"commit\":\"4b825dc642cb6eb9a060e54bf8d69288fbee4904\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(api.buildComponent(READER, "default", "default", "greeter-service", at).status()).isEqualTo(403);
    RunApiAnswer first = api.buildComponent(DEV, "default", "default", "greeter-service", at);
    RunApiAnswer second = api.buildComponent(DEV, "default", "default", "greeter-service", new byte[0]);
    assertThat(first.status()).isEqualTo(201);
    String name = "greeter-service-build-" + world.clock.instant().getEpochSecond();
    assertThat(first.body().path("metadata").path("name").asText()).isEqualTo(name);
    assertThat(second.body().path("metadata").path("name").asText()).as("the same second").isEqualTo(name + "-2");
    assertThat(first.body().path("metadata").path("labels").path("openchoreo.dev/component").asText())
        .isEqualTo("greeter-service");
    assertThat(first.body().path("spec").path("workflow").path("parameters").path("repository").path("revision")
        .path("commit").asText()).isEqualTo("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    assertThat(first.body().path("metadata").path("annotations").path("wfrun.dev/requested-by").asText())
        .isEqualTo("dev");

    assertThat(api.buildComponent(DEV, "default", "other-project", "greeter-service", new byte[0]).status())
        .isEqualTo(404);
    RunApiAnswer badCommit = api.buildComponent(DEV, "default", "default", "greeter-service",
        "{\"commit\":\"main; rm -rf /\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(badCommit.status()).isEqualTo(400);
    assertThat(badCommit.detail()).startsWith("commit:");
  }

  @Test
  void noTokenIs401AnUnknownRunIs404AndABadNameIs400() {
    assertThat(api.get(null, "default", "x").status()).isEqualTo(401);
    assertThat(api.get("Bearer nobody", "default", "x").status()).isEqualTo(401);
    assertThat(api.get(READER, "default", "absent").status()).isEqualTo(404);
    RunApiAnswer bad = api.get(READER, "default", "../secrets");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.detail()).startsWith("run:");
    assertThat(api.get(READER, "Not_A_Namespace", "x").detail()).startsWith("namespace:");
    assertThat(api.get(READER, "other", "x").status()).as("no grant in that namespace").isEqualTo(403);
  }

  @Test
  void replacingARunKeepsItsStatusAndFinalizersAndHonoursAGivenResourceVersion() {
    RunKey key = run("to-replace");
    world.dispatch.dispatch(key);
    String body = """
        {"apiVersion":"openchoreo.dev/v1alpha1","kind":"WorkflowRun",
         "metadata":{"name":"to-replace","labels":{"team":"a"}},
         "spec":{"workflow":{"name":"docker","parameters":{"repository":{"url":"https://github.com/myorg/other"}}}}}
        """;
    RunApiAnswer replaced = api.replace(DEV, "default", "to-replace", body.getBytes());
    assertThat(replaced.status()).as(replaced.detail()).isEqualTo(200);
    var stored = world.run(key);
    assertThat(stored.getMetadata().getLabels()).containsEntry("team", "a");
    assertThat(stored.getSpec().workflow().parameters().path("repository").path("url").asText())
        .isEqualTo("https://github.com/myorg/other");
    assertThat(stored.getMetadata().getFinalizers()).as("finalize still runs").isNotEmpty();
    assertThat(stored.getStatus().runReference()).as("the status is the controller's").isNotNull();

    String stale = body.replace("\"labels\"", "\"resourceVersion\":\"1\",\"labels\"");
    RunApiAnswer conflict = api.replace(DEV, "default", "to-replace", stale.getBytes());
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.detail()).startsWith("metadata.resourceVersion:");
    assertThat(api.replace(DEV, "default", "absent", body.replace("to-replace", "absent").getBytes()).status())
        .isEqualTo(404);
    RunApiAnswer renamed = api.replace(DEV, "default", "other-name", body.getBytes());
    assertThat(renamed.status()).isEqualTo(400);
    assertThat(renamed.detail()).startsWith("metadata.name:");
    assertThat(api.replace(READER, "default", "to-replace", body.getBytes()).status()).isEqualTo(403);
  }

  @Test
  void theStatusOfARunThatHasNotStartedSaysWhyItWaits() {
    run("not-seen");
    assertThat(api.status(READER, "default", "not-seen").body().path("waiting").asText())
        .isEqualTo("WaitingForDispatch: render-dispatch has not seen the run yet");
    world.apply(dev.wfrun.core.yaml.ManifestReader.parse("workflow", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: nowhere, namespace: default}
        spec:
          workflowPlaneRef: {kind: WorkflowPlane, name: absent}
          runTemplate: {apiVersion: argoproj.io/v1alpha1, kind: Workflow, metadata: {name: x, namespace: y}, spec: {}}
        """).get(0));
    RunKey waits = world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: waits, namespace: default}
        spec: {workflow: {name: nowhere}}
        """);
    world.dispatch.dispatch(waits);
    assertThat(api.status(READER, "default", "waits").body().path("waiting").asText())
        .startsWith("WorkflowPlaneNotFound: ");
    RunKey running = run("running");
    world.dispatch.dispatch(running);
    world.setArgoStatus(running, ArgoProgress.at(running.name(), 1, World.START));
    world.sync.sync(running);
    assertThat(api.status(READER, "default", "running").body().has("waiting")).isFalse();
  }

  @Test
  void deletingARunNeedsDeleteRightsAndAnswers204() {
    RunKey key = run("to-delete");
    assertThat(api.delete(READER, "default", "to-delete").status()).isEqualTo(403);
    RunApiAnswer deleted = api.delete(DEV, "default", "to-delete");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.isProblem()).isFalse();
    assertThat(world.run(key)).isNull();
    assertThat(api.delete(DEV, "default", "to-delete").status()).isEqualTo(404);
  }
}
