package dev.wfrun.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.v1alpha1.Workload;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.World;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Workload API against an API server that reviews tokens and access, through the real client. */
class WorkloadApiTest {
  private static final String WORKLOAD = """
      {"spec":{"container":{"image":"registry.example/greeter:4b825dc"},
               "endpoints":{"http":{"type":"HTTP","port":8080,"visibility":["external"]}}}}
      """;

  private static final String BUILDER = "system:serviceaccount:openchoreo-ci-default:workflow-sa";

  private final World world = new World(ApiServers.controlPlaneReviewing(
      Map.of("builder-token", BUILDER, "reader-token", "reader"),
      Set.of(ApiServers.grant(BUILDER, "create", "openchoreo.dev/workloads", "default"),
          ApiServers.grant(BUILDER, "update", "openchoreo.dev/workloads", "default"),
          ApiServers.grant("reader", "get", "openchoreo.dev/workloads", "default"))));
  private final WorkloadApi api = new WorkloadApi(world.control);

  @AfterEach
  void close() {
    world.close();
  }

  private WorkloadApiResult post(String authorization, String component, String body) {
    return api.post(authorization, "default", "default", component, body.getBytes(StandardCharsets.UTF_8));
  }

  private Workload stored() {
    return world.control.resources(Workload.class).inNamespace("default").withName("greeter-service-workload").get();
  }

  @Test
  void anAuthorisedBuilderCreatesThenUpdatesTheComponentsWorkload() {
    WorkloadApiResult created = post("Bearer builder-token", "greeter-service", WORKLOAD);
    assertThat(created.status()).as(created.detail()).isEqualTo(201);
    assertThat(stored().getSpec().owner().componentName()).isEqualTo("greeter-service");
    assertThat(stored().getSpec().owner().projectName()).isEqualTo("default");
    assertThat(stored().getSpec().endpoints()).containsKey("http");

    WorkloadApiResult updated = post("Bearer builder-token", "greeter-service",
        WORKLOAD.replace("4b825dc", "9f1c2e3"));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(stored().getSpec().container().image()).isEqualTo("registry.example/greeter:9f1c2e3");
  }

  @Test
  void aMissingOrUnknownTokenIsUnauthorized() {
    assertThat(post(null, "greeter-service", WORKLOAD).status()).isEqualTo(401);
    assertThat(post("Basic abc", "greeter-service", WORKLOAD).detail()).contains("Bearer token is required");
    WorkloadApiResult unknown = post("Bearer stolen", "greeter-service", WORKLOAD);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.detail()).contains("invalid bearer token");
    assertThat(stored()).isNull();
  }

  @Test
  void aUserWithoutCreateOnWorkloadsIsForbidden() {
    WorkloadApiResult denied = post("Bearer reader-token", "greeter-service", WORKLOAD);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.detail()).isEqualTo("user \"reader\" may not create workloads in namespace \"default\"");
    assertThat(stored()).isNull();
  }

  @Test
  void anUnknownComponentIsNotFound() {
    WorkloadApiResult missing = post("Bearer builder-token", "no-such-component", WORKLOAD);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.detail()).contains("no-such-component");
  }

  @Test
  void anInvalidWorkloadNamesTheFieldAndWritesNothing() {
    WorkloadApiResult badPort = post("Bearer builder-token", "greeter-service", WORKLOAD.replace("8080", "70000"));
    assertThat(badPort.status()).isEqualTo(400);
    assertThat(badPort.detail()).contains("spec.endpoints.http.port");
    assertThat(post("Bearer builder-token", "greeter-service", "{\"spec\":{}}").detail()).contains("container");
    assertThat(post("Bearer builder-token", "greeter-service", "[1,2").status()).isEqualTo(400);
    assertThat(stored()).isNull();
  }

  @Test
  void theOwnerCannotPointAtAnotherComponent() {
    WorkloadApiResult other = post("Bearer builder-token", "greeter-service",
        "{\"spec\":{\"owner\":{\"componentName\":\"billing\"},\"container\":{\"image\":\"x\"}}}");
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.detail()).startsWith("spec.owner.componentName: must be \"greeter-service\"");
  }

  private static final String OWNED = """
      {"metadata":{"name":"greeter-service-workload"},
       "spec":{"owner":{"projectName":"default","componentName":"greeter-service"},
               "container":{"image":"registry.example/greeter:4b825dc"}}}
      """;

  @Test
  void upstreamsCurrentPathsCreateThen409ThenPutReplaces() {
    WorkloadApiResult created = api.create("Bearer builder-token", "default", OWNED.getBytes(StandardCharsets.UTF_8));
    assertThat(created.status()).as(created.detail()).isEqualTo(201);
    WorkloadApiResult again = api.create("Bearer builder-token", "default", OWNED.getBytes(StandardCharsets.UTF_8));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.detail()).contains("PUT /api/v1/namespaces/default/workloads/greeter-service-workload");
    WorkloadApiResult replaced = api.replace("Bearer builder-token", "default", "greeter-service-workload",
        OWNED.replace("4b825dc", "9f1c2e3").getBytes(StandardCharsets.UTF_8));
    assertThat(replaced.status()).as(replaced.detail()).isEqualTo(200);
    assertThat(stored().getSpec().container().image()).isEqualTo("registry.example/greeter:9f1c2e3");
  }

  @Test
  void upstreamsPathsNeedTheOwnerAndAnExistingWorkloadToReplace() {
    WorkloadApiResult noOwner = api.create("Bearer builder-token", "default", WORKLOAD.getBytes(StandardCharsets.UTF_8));
    assertThat(noOwner.status()).isEqualTo(400);
    assertThat(noOwner.detail()).startsWith("spec.owner.projectName:");
    WorkloadApiResult missing = api.replace("Bearer builder-token", "default", "greeter-service-workload",
        OWNED.getBytes(StandardCharsets.UTF_8));
    assertThat(missing.status()).isEqualTo(404);
    WorkloadApiResult mismatch = api.replace("Bearer builder-token", "default", "other",
        OWNED.getBytes(StandardCharsets.UTF_8));
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.detail()).startsWith("metadata.name:");
    assertThat(api.replace("Bearer reader-token", "default", "greeter-service-workload",
        OWNED.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
    assertThat(stored()).as("nothing half-written").isNull();
  }

  @Test
  void aWorkloadIsReadForWhoeverMayGetWorkloads() {
    api.create("Bearer builder-token", "default", OWNED.getBytes(StandardCharsets.UTF_8));
    WorkloadApiResult read = api.get("Bearer reader-token", "default", "greeter-service-workload");
    assertThat(read.status()).as(read.detail()).isEqualTo(200);
    assertThat(read.workload().getSpec().container().image()).isEqualTo("registry.example/greeter:4b825dc");
    assertThat(api.get("Bearer builder-token", "default", "greeter-service-workload").status())
        .as("create rights do not read").isEqualTo(403);
    assertThat(api.get("Bearer reader-token", "default", "absent").status()).isEqualTo(404);
  }
}
