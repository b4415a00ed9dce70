package dev.wfrun.dev.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documents kubectl reads: paths, ages, Tables, merge patches. */
class KubectlShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void parsesNamespacedAndClusterPaths() {
    assertThat(ResourcePath.parse("/apis/openchoreo.dev/v1alpha1/namespaces/default/workflowruns/r1/status?x=1"))
        .contains(new ResourcePath("openchoreo.dev", "v1alpha1", "default", "workflowruns", "r1", "status"));
    assertThat(ResourcePath.parse("/api/v1/namespaces/default"))
        .contains(new ResourcePath("", "v1", null, "namespaces", "default", null));
    assertThat(ResourcePath.parse("/apis/openchoreo.dev/v1alpha1/workflowruns"))
        .contains(new ResourcePath("openchoreo.dev", "v1alpha1", null, "workflowruns", null, null));
    assertThat(ResourcePath.parse("/version")).isEmpty();
  }

  @Test
  void printerColumnPathsReadEscapedKeysAndListFilters() throws Exception {
    JsonNode run = JSON.readTree("""
        {"metadata":{"labels":{"openchoreo.dev/component":"greeter"}},
         "status":{"conditions":[{"type":"WorkflowRunning","reason":"WorkflowRunning"},
                                 {"type":"WorkflowCompleted","reason":"WorkflowPlaneAgentNotConnected","message":"m"}]}}
        """);
    assertThat(PrinterColumnPath.read(run, ".metadata.labels.openchoreo\\.dev/component").asText()).isEqualTo("greeter");
    assertThat(PrinterColumnPath.read(run, ".status.conditions[?(@.type==\"WorkflowCompleted\")].reason").asText())
        .isEqualTo("WorkflowPlaneAgentNotConnected");
    assertThat(PrinterColumnPath.read(run, ".status.conditions[?(@.type==\"Absent\")].reason").isMissingNode()).isTrue();
  }

  @Test
  void agesReadAsKubectlShowsThem() {
    assertThat(HumanAge.of(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(HumanAge.of(Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(HumanAge.of(Duration.ofMinutes(42))).isEqualTo("42m");
    assertThat(HumanAge.of(Duration.ofMinutes(150))).isEqualTo("150m");
    assertThat(HumanAge.of(Duration.ofHours(5))).isEqualTo("5h");
    assertThat(HumanAge.of(Duration.ofHours(50))).isEqualTo("2d2h");
  }

  @Test
  void tableRowsFollowThePrinterColumns() throws Exception {
    ApiResource runs = new ApiResource("openchoreo.dev", "v1alpha1", "workflowruns", "workflowrun", "WorkflowRun", true,
        List.of(), true, List.of(
            JSON.readTree("{\"name\":\"Component\",\"type\":\"string\",\"jsonPath\":\".metadata.labels.openchoreo\\\\.dev/component\"}"),
            JSON.readTree("{\"name\":\"Started\",\"type\":\"date\",\"jsonPath\":\".status.startedAt\"}")));
    JsonNode list = JSON.readTree("""
        {"metadata": {"resourceVersion": "7"}, "items": [
          {"metadata": {"name": "r1", "labels": {"openchoreo.dev/component": "cart"}},
           "status": {"startedAt": "2026-01-01T00:00:00Z"}},
          {"metadata": {"name": "r2"}}]}
        """);
    JsonNode table = TableConverter.table(runs, list, Instant.parse("2026-01-01T00:05:00Z"), true);

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Component", "Started");
    assertThat(table.at("/rows/0/cells").toString()).isEqualTo("[\"r1\",\"cart\",\"5m\"]");
    assertThat(table.at("/rows/1/cells").toString()).isEqualTo("[\"r2\",null,null]");
    assertThat(table.at("/rows/0/object/metadata/name").asText()).isEqualTo("r1");
  }

  @Test
  void mergePatchFollowsRfc7386() throws Exception {
    JsonNode merged = MergePatch.apply(JSON.readTree("{\"a\":{\"b\":1,\"c\":2},\"d\":[1]}"),
        JSON.readTree("{\"a\":{\"b\":null,\"e\":3},\"d\":[2]}"));
    assertThat(merged.toString()).isEqualTo("{\"a\":{\"c\":2,\"e\":3},\"d\":[2]}");
  }
}
