package dev.wfrun.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** The console's pages over HTTP, for a caller's token: runs, a run, the Workflow form and its checks. */
@QuarkusTest
@QuarkusTestResource(value = GatewayWorld.class, restrictToAnnotatedClass = true,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "serviceAccount", value = "wfrun-workload-api"))
class ConsoleResourceTest {
  static {
    RestAssured.config = RestAssured.config().redirect(
        io.restassured.config.RedirectConfig.redirectConfig().followRedirects(false));
  }

  private static void run(String name, String commit) {
    GatewayWorld.world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata:
          name: %s
          namespace: default
          labels: {openchoreo.dev/component: greeter-service}
          annotations: {wfrun.dev/git-commit: "%s"}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://github.com/myorg/hello-world}}}}
        """.formatted(name, commit));
  }

  private static long runs() {
    return GatewayWorld.world.control.resources(WorkflowRun.class).inNamespace("default").list().getItems().size();
  }

  @Test
  void theRunsPageListsRunsWithTheirStatusAndEscapesWhatATenantWrote() {
    run("console-listed", "<img src=x onerror=alert(1)>");
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get("/console?namespace=default")
        .then().statusCode(200).contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("default-src 'self'"))
        .body(containsString("console-listed"), containsString("WaitingForDispatch"),
            containsString("&lt;img src=x o"), not(containsString("<img src=x")));
  }

  @Test
  void withoutATokenThePageSaysWhyAndShowsNothing() {
    run("console-hidden", "4b825dc");
    given().get("/console?namespace=default").then().statusCode(401)
        .body(containsString("Bearer token"), not(containsString("console-hidden")));
  }

  @Test
  void aRunsPageHasItsConditionsLogsAndTheCancelAndReRunButtons() {
    run("console-one", "4b825dc");
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get("/console/runs/default/console-one")
        .then().statusCode(200).body(containsString("Conditions"), containsString("Cancel"), containsString("Re-run"),
            containsString("the run has not been dispatched yet"));
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).post("/console/runs/default/console-one/cancel")
        .then().statusCode(303).header("Location", containsString("/console/runs/default/console-one?message=cancelled"));
    String rerun = given().auth().oauth2(GatewayWorld.DEV_TOKEN).post("/console/runs/default/console-one/rerun")
        .then().statusCode(303).extract().header("Location");
    assertThat(rerun).contains("/console/runs/default/console-one-rerun-");
  }

  @Test
  void theWorkflowFormRefusesABadValueBesideItsFieldAndCreatesNothing() {
    run("console-earlier-docker-run", "4b825dc");
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get("/console/workflows/default/docker")
        .then().statusCode(200).body(containsString("Parameter schema"), containsString("after they complete"),
            containsString("name=\"p.repository.url\""),
            containsString("Git branch to checkout"), containsString("placeholder=\"main\""));
    long before = runs();
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).contentType("application/x-www-form-urlencoded")
        .formParam("p.repository.url", "ftp://example.com/<b>x</b>").post("/console/workflows/default/docker")
        .then().statusCode(422).body(containsString("id=\"p.repository.url-error\""),
            containsString("ftp://example.com/&lt;b&gt;x&lt;/b&gt;"), not(containsString("<b>x</b>")),
            containsString("console-earlier-docker-run"));
    assertThat(runs()).as("nothing created").isEqualTo(before);
  }

  @Test
  void aGoodFormCreatesTheRunAndShowsIt() {
    long before = runs();
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).contentType("application/x-www-form-urlencoded")
        .formParam("p.repository.url", "https://github.com/myorg/app").formParam("p.docker.context", "./svc")
        .post("/console/workflows/default/docker")
        .then().statusCode(303).header("Location", containsString("/console/runs/default/docker-run-"));
    assertThat(runs()).isEqualTo(before + 1);
  }

  @Test
  void aWorkflowWithoutParametersHasAFormWithOnlyItsRunButton() {
    GatewayWorld.world.apply(dev.wfrun.core.yaml.ManifestReader.parse("plain", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: plain, namespace: default}
        spec:
          runTemplate:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: "${metadata.workflowRunName}", namespace: "openchoreo-ci-${metadata.namespaceName}"}
            spec: {entrypoint: main, templates: [{name: main, container: {image: alpine}}]}
        """).get(0));
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get("/console/workflows/default/plain")
        .then().statusCode(200).body(containsString("declares no parameters"), containsString("No runs yet."));
    long before = runs();
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).contentType("application/x-www-form-urlencoded")
        .post("/console/workflows/default/plain")
        .then().statusCode(303).header("Location", containsString("/console/runs/default/plain-run-"));
    assertThat(runs()).isEqualTo(before + 1);
  }

  @Test
  void aDispatchedRunsPageShowsItsTimelineAndItsLogAsText() {
    var key = GatewayWorld.world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: console-logged, namespace: default}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://github.com/myorg/hello-world}}}}
        """);
    assertThat(GatewayWorld.world.dispatch.dispatch(key).kind().name()).isEqualTo("DONE");
    GatewayWorld.world.setArgoStatus(key, dev.wfrun.core.testing.ArgoProgress.at("console-logged", 1,
        java.time.Instant.now().minusSeconds(60)));
    GatewayWorld.world.sync.sync(key);
    GatewayWorld.world.build.pods().inNamespace("openchoreo-ci-default").resource(
        new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("console-logged-step")
            .withNamespace("openchoreo-ci-default")
            .withLabels(java.util.Map.of("workflows.argoproj.io/workflow", "console-logged"))
            .withAnnotations(java.util.Map.of("workflows.argoproj.io/node-name", "console-logged[0].checkout-source"))
            .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("alpine").endContainer()
            .endSpec().build()).create();
    GatewayWorld.world.buildServer.server().podLogs().append("openchoreo-ci-default", "console-logged-step", "main",
        java.time.Instant.now(), "cloning <b>repo</b>");
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get("/console/runs/default/console-logged")
        .then().statusCode(200).body(containsString("<svg class=\"timeline\""), containsString("checkout-source"),
            containsString("[checkout-source] cloning &lt;b&gt;repo&lt;/b&gt;"), not(containsString("<b>repo</b>")));
  }

  @Test
  void aComponentIsBuiltFromItsPageAndABadCommitIsRefusedBesideItsField() {
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get("/console/components/default/default/greeter-service")
        .then().statusCode(200).body(containsString("Build at commit"), containsString("Recent builds"));
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).contentType("application/x-www-form-urlencoded")
        .formParam("commit", "<not-a-sha>").post("/console/components/default/default/greeter-service/build")
        .then().statusCode(400).body(containsString("id=\"commit-error\""), containsString("commit:"),
            containsString("&lt;not-a-sha&gt;"));
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).contentType("application/x-www-form-urlencoded")
        .formParam("commit", "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
        .post("/console/components/default/default/greeter-service/build")
        .then().statusCode(303).header("Location", containsString("/console/runs/default/greeter-service-build-"));
  }

  @Test
  void thePlanesPageShowsWhatTheCallerMaySee() {
    given().auth().oauth2(GatewayWorld.DEV_TOKEN).get("/console/planes?namespace=default")
        .then().statusCode(200).body(containsString("ClusterWorkflowPlane/default"));
    given().auth().oauth2(GatewayWorld.READER_TOKEN).get("/console/planes?namespace=default")
        .then().statusCode(403).body(containsString("may not list"));
  }
}
