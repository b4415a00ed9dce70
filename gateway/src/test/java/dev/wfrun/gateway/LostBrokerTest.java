package dev.wfrun.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.webhook.WebhookSignatures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A push answered 2xx is never lost: the Broker accepts the events but create-runs never creates
 * the runs (it is down; Knative dead-letters them), and the runs exist anyway.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayWorld.class, restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "lostBroker", value = "true"))
class LostBrokerTest {
  private static final String COMMIT = "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6";

  @Test
  void aPushAnsweredOkHasItsRunEvenWhenCreateRunsNeverSeesTheEvent() {
    String delivery = UUID.randomUUID().toString();
    byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + COMMIT + "\",\"repository\":{\"clone_url\":"
        + "\"https://github.com/openchoreo/sample-workloads.git\"},\"pusher\":{\"name\":\"dev\"},"
        + "\"head_commit\":{\"message\":\"change\"},\"commits\":[{\"added\":[],\"modified\":"
        + "[\"service-go-greeter/main.go\"],\"removed\":[]}]}").getBytes(StandardCharsets.UTF_8);
    int response = 0;
    for (int attempt = 0; attempt < 100 && response != 200; attempt++) { // the informers sync in the background
      response = given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", delivery)
          .header("X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(GatewayWorld.GITHUB_SECRET, body))
          .contentType("application/json").body(body).post("/api/v1alpha1/autobuild")
          .then().extract().statusCode();
      if (response != 200) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    assertThat(response).isEqualTo(200);
    assertThat(GatewayWorld.BROKER_EVENTS.get()).as("announced to the Broker first").isPositive();
    assertThat(GatewayWorld.world.control.resources(WorkflowRun.class).inNamespace("default").list().getItems())
        .anySatisfy(run -> assertThat(run.getMetadata().getAnnotations())
            .containsEntry("wfrun.dev/webhook-delivery", delivery));
  }
}
