package dev.wfrun.core.runapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.World;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Workflow catalog a developer picks from: listing, one Workflow, its parameter JSON Schema, RBAC decided. */
class WorkflowCatalogApiTest {
  private static final String DEV = "Bearer dev-token";
  private static final String STRANGER = "Bearer stranger-token";
  private final World world = new World(ApiServers.controlPlaneReviewing(
      Map.of("dev-token", "dev", "stranger-token", "stranger"),
      Set.of(ApiServers.grant("dev", "get", "openchoreo.dev/workflows", "default"),
          ApiServers.grant("dev", "list", "openchoreo.dev/workflows", "default"),
          ApiServers.grant("dev", "get", "openchoreo.dev/clusterworkflows", ApiServers.CLUSTER_WIDE),
          ApiServers.grant("dev", "list", "openchoreo.dev/clusterworkflows", ApiServers.CLUSTER_WIDE))));
  private final WorkflowCatalogApi api = new WorkflowCatalogApi(world.as("wfrun-workload-api"));

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void listsTheNamespacesWorkflows() {
    RunApiAnswer list = api.listWorkflows(DEV, "default", null, null);
    assertThat(list.status()).as(list.detail()).isEqualTo(200);
    assertThat(list.body().path("items").findValuesAsText("name")).contains("docker");
  }

  @Test
  void theSchemaIsTheParameterJsonSchemaWithItsDefaults() {
    RunApiAnswer schema = api.workflowSchema(DEV, "default", "docker");
    assertThat(schema.status()).as(schema.detail()).isEqualTo(200);
    assertThat(schema.body().path("type").asText()).isEqualTo("object");
    assertThat(schema.body().path("properties").path("repository").path("properties").has("url")).isTrue();
  }

  @Test
  void aWorkflowWithoutASchemaAnswersAFreeFormObjectSchema() {
    world.apply(dev.wfrun.core.yaml.ManifestReader.parse("no-schema", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: no-schema, namespace: default}
        spec:
          runTemplate:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: x, namespace: y}
            spec: {entrypoint: main, templates: [{name: main, container: {image: alpine}}]}
        """).get(0));
    RunApiAnswer schema = api.workflowSchema(DEV, "default", "no-schema");
    assertThat(schema.status()).as(schema.detail()).isEqualTo(200);
    assertThat(schema.body().path("type").asText()).isEqualTo("object");
    assertThat(schema.body().path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
  }

  @Test
  void clusterWorkflowsAreListedForWhoeverMayListThemClusterWide() {
    world.apply(dev.wfrun.core.yaml.ManifestReader.parse("cluster-workflow", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: ClusterWorkflow
        metadata: {name: shared-build}
        spec:
          parameters:
            openAPIV3Schema:
              type: object
              properties:
                branch: {type: string, default: main}
          runTemplate:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: x, namespace: y}
            spec: {entrypoint: main, templates: [{name: main, container: {image: alpine}}]}
        """).get(0));
    RunApiAnswer list = api.listClusterWorkflows(DEV, null, null);
    assertThat(list.status()).as(list.detail()).isEqualTo(200);
    assertThat(list.body().path("items").findValuesAsText("name")).contains("shared-build");
    RunApiAnswer schema = api.clusterWorkflowSchema(DEV, "shared-build");
    assertThat(schema.body().path("properties").path("branch").path("default").asText()).isEqualTo("main");
    assertThat(api.getClusterWorkflow(DEV, "shared-build").body().path("kind").asText()).isEqualTo("ClusterWorkflow");
  }

  @Test
  void aCallerWithoutRightsIs403AnUnknownWorkflow404AndABadName400() {
    RunApiAnswer refused = api.listWorkflows(STRANGER, "default", null, null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(api.listClusterWorkflows(STRANGER, null, null).detail()).contains("cluster-wide");
    assertThat(api.getWorkflow(DEV, "default", "nope").status()).isEqualTo(404);
    RunApiAnswer bad = api.workflowSchema(DEV, "default", "Bad_Name");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.detail()).startsWith("name:");
    assertThat(api.listWorkflows(DEV, "default", "0", null).detail()).startsWith("limit:");
  }
}
