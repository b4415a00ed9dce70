package dev.wfrun.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.webhook.WebhookSignatures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A signed push through HTTP becomes a WorkflowRun; everything else is answered and creates nothing. */
@QuarkusTest
@QuarkusTestResource(value = GatewayWorld.class, restrictToAnnotatedClass = true)
class AutoBuildResourceTest {
  private static final String COMMIT = "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6";

  private static String push(String ref, String path, String pusher) {
    return "{\"ref\":\"" + ref + "\",\"after\":\"" + COMMIT + "\",\"repository\":{\"clone_url\":"
        + "\"https://github.com/openchoreo/sample-workloads.git\"},\"pusher\":{\"name\":\"" + pusher + "\"},"
        + "\"head_commit\":{\"message\":\"change\"},\"commits\":[{\"added\":[],\"modified\":[\"" + path
        + "\"],\"removed\":[]}]}";
  }

  private static io.restassured.response.Response deliver(String event, String delivery, String body, String secret) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return given()
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", delivery)
        .header("X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(secret, bytes))
        .contentType("application/json")
        .body(bytes)
        .post("/api/v1alpha1/autobuild");
  }

  /** The gateway's informers sync in the background: retry an assertion until it holds. */
  private static void eventually(Duration limit, Runnable assertion) {
    dev.wfrun.core.testing.Await.untilAsserted(limit, assertion);
  }

  private static List<WorkflowRun> greeterRuns() {
    return GatewayWorld.world.control.resources(WorkflowRun.class).inNamespace("default")
        .withLabel(OpenChoreo.LABEL_COMPONENT, "greeter-service").list().getItems();
  }

  @Test
  void aSignedPushCreatesOneRunAndARedeliveryNone() {
    String delivery = UUID.randomUUID().toString();
    int before = greeterRuns().size();
    eventually(Duration.ofSeconds(10), () ->
        deliver("push", delivery, push("refs/heads/main", "service-go-greeter/main.go", "dev"), GatewayWorld.GITHUB_SECRET)
            .then().statusCode(200)
            .body("affectedComponents[0]", equalTo("default/greeter-service"))
            .body("triggeredBuilds", equalTo(1)));
    assertThat(greeterRuns()).hasSize(before + 1);
    WorkflowRun run = greeterRuns().stream()
        .filter(r -> delivery.equals(r.getMetadata().getAnnotations().get("wfrun.dev/webhook-delivery")))
        .findFirst().orElseThrow();
    assertThat(run.getSpec().workflow().parameters().at("/repository/revision/commit").asText()).isEqualTo(COMMIT);
    assertThat(run.getMetadata().getLabels()).containsEntry(OpenChoreo.LABEL_PROJECT, "default");

    deliver("push", delivery, push("refs/heads/main", "service-go-greeter/main.go", "dev"), GatewayWorld.GITHUB_SECRET)
        .then().statusCode(200);
    assertThat(greeterRuns()).as("redelivery creates nothing new").hasSize(before + 1);
  }

  /**
   * The gateway indexes Components by repository once and reuses the index: a Workflow that appears
   * after its Component (an informer change of another kind) must still rebuild it.
   */
  @Test
  void aWorkflowCreatedAfterItsComponentIsUsedByTheNextPush() {
    var control = GatewayWorld.world.control;
    ObjectNode component = (ObjectNode) Repo.sample("component/component-greeter-service.yaml").node().deepCopy();
    component.with("metadata").put("name", "late-service");
    component.with("spec").with("workflow").put("name", "late-docker");
    component.with("spec").with("workflow").with("parameters").with("repository")
        .put("url", "https://github.com/acme/late");
    control.resource(Fixtures.as(component, Component.class)).create();
    String body = push("refs/heads/main", "service-go-greeter/main.go", "dev")
        .replace("openchoreo/sample-workloads", "acme/late");
    deliver("push", UUID.randomUUID().toString(), body, GatewayWorld.GITHUB_SECRET).then().statusCode(200)
        .body("triggeredBuilds", equalTo(0));

    ObjectNode workflow = (ObjectNode) Repo.sample("docker-build/workflow-docker.yaml").node().deepCopy();
    workflow.with("metadata").put("name", "late-docker");
    control.resource(Fixtures.as(workflow, Workflow.class)).create();
    eventually(Duration.ofSeconds(10), () ->
        deliver("push", UUID.randomUUID().toString(), body, GatewayWorld.GITHUB_SECRET).then().statusCode(200)
            .body("affectedComponents[0]", equalTo("default/late-service")));
  }

  @Test
  void twoHundredParallelDeliveriesOfFiftyPushesCreateExactlyFiftyRuns() throws Exception {
    // warm the informers first, so every delivery sees the Component
    eventually(Duration.ofSeconds(10), () -> deliver("push", "warm-up",
        push("refs/heads/main", "service-go-greeter/w", "dev"), GatewayWorld.GITHUB_SECRET)
        .then().body("triggeredBuilds", equalTo(1)));
    int before = greeterRuns().size();
    String batch = UUID.randomUUID().toString().substring(0, 8);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String delivery = batch + "-" + (i % 50);
        answers.add(pool.submit(() -> deliver("push", delivery,
            push("refs/heads/main", "service-go-greeter/main.go", "dev"), GatewayWorld.GITHUB_SECRET).statusCode()));
      }
      for (var answer : answers) {
        assertThat(answer.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(greeterRuns()).hasSize(before + 50);
  }

  @Test
  void giteaAndForgejoDeliveriesAreVerifiedOnTheirOwnRoutesAndByDetection() {
    String body = push("refs/heads/main", "service-go-greeter/x", "dev").replace("github.com", "git.example.com");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String good = WebhookSignatures.hmacHex(GatewayWorld.GITEA_SECRET, bytes);
    for (String path : List.of("/api/v1alpha1/autobuild/gitea", "/api/v1alpha1/autobuild")) {
      given().header("X-Gitea-Event", "push").header("X-Gitea-Delivery", UUID.randomUUID().toString())
          .header("X-Gitea-Signature", good).contentType("application/json").body(bytes).post(path)
          .then().statusCode(200).body("success", equalTo(true)).body("triggeredBuilds", equalTo(0));
      given().header("X-Gitea-Event", "push").header("X-Gitea-Signature", WebhookSignatures.hmacHex("wrong", bytes))
          .contentType("application/json").body(bytes).post(path)
          .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }
    given().header("X-Forgejo-Event", "push").header("X-Forgejo-Signature", good).contentType("application/json")
        .body(bytes).post("/api/v1alpha1/autobuild/forgejo")
        .then().statusCode(503); // no forgejo-secret configured: the operator is told, nothing is verified
    given().contentType("application/json").body(bytes).post("/api/v1alpha1/autobuild/gogs")
        .then().statusCode(404).body("detail", containsString("github, gitlab, bitbucket, gitea, forgejo"));
  }

  @Test
  void aBadSignatureIsRejectedAndCreatesNothing() {
    int before = greeterRuns().size();
    deliver("push", UUID.randomUUID().toString(), push("refs/heads/main", "service-go-greeter/x", "dev"), "wrong")
        .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    assertThat(greeterRuns()).hasSize(before);
  }

  @Test
  void pingsAndBotPushesAreAcknowledgedAndBuildNothing() {
    deliver("ping", "p-1", "{\"zen\":\"hi\",\"hook_id\":1}", GatewayWorld.GITHUB_SECRET)
        .then().statusCode(200).body("ignored", equalTo("ping"));
    deliver("push", "b-1", push("refs/heads/main", "service-go-greeter/x", "gitops-bot"), GatewayWorld.GITHUB_SECRET)
        .then().statusCode(200).body("ignored", containsString("gitops-bot"));
  }

  /**
   * Announces a body one byte over 1 MiB and reads the answer before sending it: the gateway must
   * refuse on the header alone (a client streaming the body could race the early close).
   */
  @Test
  void aBodyOverOneMebibyteIsTooLarge() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("POST /api/v1alpha1/autobuild HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nX-Hub-Signature-256: sha256=00\r\n"
          + "Content-Length: " + ((1 << 20) + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      assertThat(statusLine).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void withoutAProviderHeaderTheProviderIsUnknown() {
    given().body("{}").post("/api/v1alpha1/autobuild").then().statusCode(400)
        .body(equalTo("{\"code\":\"UNKNOWN_GIT_PROVIDER\",\"error\":\"Unable to detect git provider from request headers\"}\n"));
    given().body("{}").post("/api/v1alpha1/autobuild/gogs").then().statusCode(404)
        .contentType("application/problem+json");
  }

  private static double metric(String line) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return text.lines().filter(l -> l.startsWith(line + " ")).mapToDouble(l -> Double.parseDouble(l.substring(line.length() + 1)))
        .findFirst().orElse(0);
  }

  @Test
  void matchedComponentsRunsCreatedAndDuplicatesAreCounted() {
    String delivery = UUID.randomUUID().toString();
    String body = push("refs/heads/main", "service-go-greeter/metrics.go", "dev");
    eventually(Duration.ofSeconds(10), () -> deliver("push", "warm-" + delivery, body, GatewayWorld.GITHUB_SECRET)
        .then().body("triggeredBuilds", equalTo(1)));
    double matched = metric("wfrun_webhooks_components_matched_total");
    double created = metric("wfrun_webhooks_runs_created_total");
    double duplicates = metric("wfrun_webhooks_duplicates_total");

    deliver("push", delivery, body, GatewayWorld.GITHUB_SECRET).then().statusCode(200);
    deliver("push", delivery, body, GatewayWorld.GITHUB_SECRET).then().statusCode(200);

    assertThat(metric("wfrun_webhooks_components_matched_total")).isEqualTo(matched + 2);
    assertThat(metric("wfrun_webhooks_runs_created_total")).isEqualTo(created + 1);
    assertThat(metric("wfrun_webhooks_duplicates_total")).isEqualTo(duplicates + 1);
  }
}
