package dev.wfrun.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.wfrun.api.v1alpha1.Workload;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The Workload API over HTTP: authenticated, authorised, validated, answered with problem+json. */
@QuarkusTest
@QuarkusTestResource(value = GatewayWorld.class, restrictToAnnotatedClass = true,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "serviceAccount", value = "wfrun-workload-api"))
class WorkloadResourceTest {
  private static final String PATH = "/api/v1/namespaces/default/projects/default/components/{component}/workloads";
  private static final String WORKLOAD = "{\"spec\":{\"container\":{\"image\":\"registry.example/greeter:1\"}}}";

  private static Workload stored() {
    return GatewayWorld.world.control.resources(Workload.class).inNamespace("default")
        .withName("greeter-service-workload").get();
  }

  @Test
  void aBuildWithCreateRightsWritesTheWorkload() {
    int expected = stored() == null ? 201 : 200;
    given().auth().oauth2(GatewayWorld.BUILDER_TOKEN).contentType("application/json").body(WORKLOAD)
        .post(PATH, "greeter-service")
        .then().statusCode(expected)
        .body("metadata.name", equalTo("greeter-service-workload"))
        .body("spec.owner.componentName", equalTo("greeter-service"));
    assertThat(stored().getSpec().container().image()).isEqualTo("registry.example/greeter:1");
  }

  @Test
  void noTokenIsUnauthorizedAsProblemJson() {
    given().contentType("application/json").body(WORKLOAD).post(PATH, "greeter-service")
        .then().statusCode(401)
        .contentType("application/problem+json")
        .body("status", equalTo(401))
        .body("detail", containsString("Bearer token"));
  }

  @Test
  void aUserWithoutRightsIsForbidden() {
    given().auth().oauth2(GatewayWorld.READER_TOKEN).contentType("application/json").body(WORKLOAD)
        .post(PATH, "greeter-service")
        .then().statusCode(403).contentType("application/problem+json")
        .body("detail", equalTo("user \"reader\" may not create workloads in namespace \"default\""));
  }

  @Test
  void anUnknownComponentIsNotFoundAndABadBodyIsABadRequest() {
    given().auth().oauth2(GatewayWorld.BUILDER_TOKEN).contentType("application/json").body(WORKLOAD)
        .post(PATH, "nobody").then().statusCode(404).contentType("application/problem+json");
    given().auth().oauth2(GatewayWorld.BUILDER_TOKEN).contentType("application/json")
        .body("{\"spec\":{\"container\":{\"image\":\"\"}}}")
        .post(PATH, "greeter-service").then().statusCode(400).contentType("application/problem+json")
        .body("detail", containsString("spec.container.image"));
  }

  @Test
  void upstreamsCurrentPathsCreateThenConflictThenReplace() {
    String body = "{\"metadata\":{\"name\":\"greeter-upstream\"},\"spec\":{\"owner\":{\"projectName\":\"default\","
        + "\"componentName\":\"greeter-service\"},\"container\":{\"image\":\"registry.example/greeter:2\"}}}";
    given().auth().oauth2(GatewayWorld.BUILDER_TOKEN).contentType("application/json").body(body)
        .post("/api/v1/namespaces/default/workloads").then().statusCode(201)
        .body("metadata.name", equalTo("greeter-upstream"));
    given().auth().oauth2(GatewayWorld.BUILDER_TOKEN).contentType("application/json").body(body)
        .post("/api/v1/namespaces/default/workloads").then().statusCode(409)
        .contentType("application/problem+json");
    given().auth().oauth2(GatewayWorld.BUILDER_TOKEN).contentType("application/json")
        .body(body.replace("greeter:2", "greeter:3"))
        .put("/api/v1/namespaces/default/workloads/greeter-upstream").then().statusCode(200)
        .body("spec.container.image", equalTo("registry.example/greeter:3"));
  }
}
