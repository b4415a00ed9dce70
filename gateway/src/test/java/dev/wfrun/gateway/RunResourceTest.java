package dev.wfrun.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The run API over HTTP, as the run API's Service (wfrun-workload-api) serves it. */
@QuarkusTest
@QuarkusTestResource(value = GatewayWorld.class, restrictToAnnotatedClass = true,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "serviceAccount", value = "wfrun-workload-api"))
class RunResourceTest {
  private static final String RUNS = "/api/v1/namespaces/default/workflowruns";

  private static void run(String name) {
    GatewayWorld.world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: %s, namespace: default}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://github.com/myorg/hello-world}}}}
        """.formatted(name));
  }

  @Test
  void aDeveloperCancelsARunAndASecondCancelIsAConflict() {
    run("http-cancel");
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).post(RUNS + "/http-cancel/cancel")
        .then().statusCode(200).contentType("application/json")
        .body("status.phase", equalTo("Failed"))
        .body("metadata.annotations.'wfrun.dev/cancelled-by'", equalTo("dev"));
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).post(RUNS + "/http-cancel/cancel")
        .then().statusCode(409).contentType("application/problem+json")
        .body("detail", startsWith("WorkflowRun default/http-cancel has already finished"));
  }

  @Test
  void aReRunIsCreatedAndTheStatusAndListShowRuns() {
    run("http-original");
    String created = given().auth().oauth2(GatewayWorld.DEV_TOKEN).post(RUNS + "/http-original/rerun")
        .then().statusCode(201).body("metadata.name", startsWith("http-original-rerun-"))
        .extract().path("metadata.name");
    assertThat(GatewayWorld.world.control.resources(WorkflowRun.class).inNamespace("default").withName(created).get())
        .isNotNull();
    given().auth().oauth2(GatewayWorld.DEV_TOKEN)
        .get(RUNS + "/http-original/status")
        .then().statusCode(200).body("status", equalTo("Pending")).body("hasLiveObservability", equalTo(false));
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).queryParam("limit", 1).get(RUNS)
        .then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void aRunIsCreatedFromItsJsonAndAMissingWorkflowIsNotFound() {
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).contentType("application/json")
        .body("{\"metadata\":{\"name\":\"http-created\"},\"spec\":{\"workflow\":{\"name\":\"docker\","
            + "\"parameters\":{\"repository\":{\"url\":\"https://github.com/myorg/app\"}}}}}")
        .post(RUNS).then().statusCode(201).body("metadata.name", equalTo("http-created"));
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).contentType("application/json")
        .body("{\"metadata\":{\"name\":\"http-no-url\"},\"spec\":{\"workflow\":{\"name\":\"docker\"}}}")
        .post(RUNS).then().statusCode(422).contentType("application/problem+json")
        .body("detail", startsWith("spec.workflow.parameters.repository: required"));
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).contentType("application/json")
        .body("{\"metadata\":{\"name\":\"http-nowhere\"},\"spec\":{\"workflow\":{\"name\":\"none\"}}}")
        .post(RUNS).then().statusCode(404).contentType("application/problem+json")
        .body("detail", startsWith("spec.workflow:"));
  }

  @Test
  void theLogsOfARunNotYetDispatchedAreEmptyAndSayWhy() {
    run("http-logs");
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get(RUNS + "/http-logs/logs")
        .then().statusCode(200).contentType("application/json").body("size()", equalTo(0))
        .header("Wfrun-Logs-Unavailable", equalTo("the run has not been dispatched yet"));
  }

  @Test
  void whoMayNotIsForbiddenAndBadInputNamesTheField() {
    run("http-guarded");
    given().auth().oauth2(GatewayWorld.READER_TOKEN).post(RUNS + "/http-guarded/cancel")
        .then().statusCode(403).contentType("application/problem+json")
        .body("detail", equalTo("user \"reader\" may not update workflowruns in namespace \"default\""));
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).queryParam("limit", "lots").get(RUNS)
        .then().statusCode(400).contentType("application/problem+json").body("detail", startsWith("limit:"));
    given().post(RUNS + "/http-guarded/rerun").then().statusCode(401).contentType("application/problem+json");
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get(RUNS + "/absent")
        .then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void aRunIsDeletedWith204() {
    run("http-delete");
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).delete(RUNS + "/http-delete").then().statusCode(204);
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).delete(RUNS + "/http-delete")
        .then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void theWorkflowCatalogServesASchemaAUiBuildsItsFormFrom() {
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get("/api/v1/namespaces/default/workflows")
        .then().statusCode(200).body("items.metadata.name", org.hamcrest.Matchers.hasItem("docker"));
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get("/api/v1/namespaces/default/workflows/docker/schema")
        .then().statusCode(200).contentType("application/json").body("type", equalTo("object"));
    given().auth().oauth2(GatewayWorld.READER_TOKEN).get("/api/v1/clusterworkflows")
        .then().statusCode(403).contentType("application/problem+json");
  }

  @Test
  void followingTheLogsOfAFinishedRunStreamsWhatIsThereAndEnds() {
    run("http-follow");
    GatewayWorld.world.control.resources(WorkflowRun.class).inNamespace("default").withName("http-follow")
        .editStatus(r -> {
          r.setStatus(dev.wfrun.core.status.RunLifecycle.fail(
              dev.wfrun.api.v1alpha1.WorkflowRunStatus.empty(), "WorkflowCancelled", "cancelled", 1,
              java.time.Instant.now().toString()));
          return r;
        });
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).queryParam("follow", "true").get(RUNS + "/http-follow/logs")
        .then().statusCode(200).contentType("application/x-ndjson");
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).queryParam("follow", "true").get(RUNS + "/absent/logs")
        .then().statusCode(404).contentType("application/problem+json");
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get(RUNS + "/http-follow/events")
        .then().statusCode(200).body("size()", equalTo(0))
        .header("Wfrun-Events-Unavailable", equalTo("the run has not been dispatched yet"));
  }
}
