package dev.wfrun.gateway.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.webhook.WebhookSignatures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The packaged Lambda handler, invoked with API Gateway v2 (HTTP API, payload format 2.0) events
 * as AWS sends them: posted to Quarkus' mock Lambda event server, which hands them to the handler
 * through the Lambda runtime API exactly as AWS does, and answers with the handler's response.
 */
@QuarkusTest
@QuarkusTestResource(LambdaWorld.class)
class LambdaHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PUSH = """
      {"ref":"refs/heads/main","after":"9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6",\
      "repository":{"clone_url":"https://github.com/openchoreo/sample-workloads.git"},\
      "pusher":{"name":"dev"},"head_commit":{"message":"change"},\
      "commits":[{"added":[],"modified":["service-go-greeter/main.go"],"removed":[]}]}""";

  private static String webhook(String delivery, String signature) {
    ObjectNode event = JSON.createObjectNode()
        .put("version", "2.0")
        .put("routeKey", "$default")
        .put("rawPath", "/api/v1alpha1/autobuild")
        .put("rawQueryString", "")
        .put("body", PUSH)
        .put("isBase64Encoded", false);
    event.putObject("headers")
        .put("content-type", "application/json")
        .put("x-github-event", "push")
        .put("x-github-delivery", delivery)
        .put("x-hub-signature-256", signature);
    ObjectNode context = event.putObject("requestContext")
        .put("accountId", "123456789012").put("apiId", "wfrun").put("requestId", UUID.randomUUID().toString())
        .put("stage", "$default").put("routeKey", "$default");
    context.putObject("http").put("method", "POST").put("path", "/api/v1alpha1/autobuild")
        .put("protocol", "HTTP/1.1").put("sourceIp", "192.30.252.1").put("userAgent", "GitHub-Hookshot/1");
    return event.toString();
  }

  /** Invokes the function once and returns its API Gateway v2 response. */
  private static JsonNode invoke(String event) throws Exception {
    int port = ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.mock-event-server.test-port", Integer.class)
        .orElse(8081);
    String response = given().port(port).contentType("application/json").body(event)
        .post("/_lambda_").then().statusCode(200).extract().asString();
    return JSON.readTree(response);
  }

  private static List<WorkflowRun> runsOf(String delivery) {
    return LambdaWorld.world.control.resources(WorkflowRun.class).inNamespace("default")
        .withLabel(OpenChoreo.LABEL_COMPONENT, "greeter-service").list().getItems().stream()
        .filter(r -> delivery.equals(r.getMetadata().getAnnotations().get("wfrun.dev/webhook-delivery")))
        .toList();
  }

  @Test
  void aSignedPushThroughApiGatewayCreatesTheRunInProcess() throws Exception {
    String delivery = UUID.randomUUID().toString();
    String signature = "sha256=" + WebhookSignatures.hmacHex(LambdaWorld.GITHUB_SECRET,
        PUSH.getBytes(StandardCharsets.UTF_8));
    JsonNode response = null;
    for (int attempt = 0; attempt < 50; attempt++) { // the informers fill in the background
      response = invoke(webhook(delivery, signature));
      if (response.path("body").asText().contains("\"triggeredBuilds\":1")) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
    assertThat(response.path("body").asText()).contains("\"affectedComponents\":[\"default/greeter-service\"]");
    assertThat(runsOf(delivery)).hasSize(1);
  }

  @Test
  void aBadSignatureIsRejectedAndCreatesNothing() throws Exception {
    String delivery = UUID.randomUUID().toString();
    JsonNode response = invoke(webhook(delivery, "sha256=" + "0".repeat(64)));
    assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(401);
    assertThat(runsOf(delivery)).isEmpty();
  }
}
