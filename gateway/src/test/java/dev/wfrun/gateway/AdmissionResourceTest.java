package dev.wfrun.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The admission webhook over HTTP, as deployed: admission only, as the wfrun-admission ServiceAccount. */
@QuarkusTest
@QuarkusTestResource(value = GatewayWorld.class, restrictToAnnotatedClass = true,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "serviceAccount", value = "wfrun-admission"))
class AdmissionResourceTest {
  private static String review(String kind, String object) {
    return """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "u-1", "operation": "CREATE",
         "namespace": "default", "kind": {"group": "openchoreo.dev", "version": "v1alpha1", "kind": "%s"},
         "object": %s}}
        """.formatted(kind, object);
  }

  @Test
  void refusesARunWithEveryParameterViolation() {
    given().contentType("application/json").body(review("WorkflowRun", """
        {"apiVersion": "openchoreo.dev/v1alpha1", "kind": "WorkflowRun", "metadata": {"name": "r"},
         "spec": {"workflow": {"name": "docker", "parameters": {"repository": {"url": "ftp://x"}, "docker": {"context": 1}}}}}
        """)).post("/admission/validate").then().statusCode(200)
        .body("response.uid", equalTo("u-1"), "response.allowed", equalTo(false), "response.status.code", equalTo(422),
            "response.status.details.causes.field", hasItems("spec.workflow.parameters.repository.url",
                "spec.workflow.parameters.docker.context"));
  }

  @Test
  void admitsAGoodRun() {
    given().contentType("application/json").body(review("WorkflowRun", """
        {"apiVersion": "openchoreo.dev/v1alpha1", "kind": "WorkflowRun", "metadata": {"name": "r"},
         "spec": {"workflow": {"name": "docker", "parameters": {"repository": {"url": "https://github.com/a/b"}}}}}
        """)).post("/admission/validate").then().statusCode(200).body("response.allowed", equalTo(true));
  }

  @Test
  void aBodyThatIsNotAnAdmissionReviewIs400WithAProblem() {
    given().contentType("application/json").body("{\"kind\": \"Pod\"}").post("/admission/validate").then()
        .statusCode(400).contentType("application/problem+json").body("detail", containsString("admission.k8s.io/v1"));
    given().contentType("application/json").body("{").post("/admission/validate").then().statusCode(400)
        .body("detail", containsString("not JSON"));
  }

  @Test
  void mutateChangesNothingUnlessOptedIn() {
    given().contentType("application/json").body(review("Workflow", "{\"spec\": {\"runTemplate\": {\"spec\": {}}}}"))
        .post("/admission/mutate").then().statusCode(200).body("response.allowed", equalTo(true),
            "response.patch", equalTo(null));
  }

  @Test
  void theWebhookGatewayRoutesAreNotServedHere() {
    given().contentType("application/json").body("{}").post("/api/v1alpha1/autobuild").then().statusCode(404);
  }
}
