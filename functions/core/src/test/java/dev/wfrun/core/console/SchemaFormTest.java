package dev.wfrun.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.yaml.ManifestReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Workflow's parameter schema as a form, and a submitted form as parameters. */
class SchemaFormTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode dockerSchema() {
    JsonNode node = Repo.sample("docker-build/workflow-docker.yaml").node();
    dev.wfrun.api.v1alpha1.Workflow workflow = new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
        .convertValue(node, dev.wfrun.api.v1alpha1.Workflow.class);
    return ParameterSchema.of(workflow.getSpec()).jsonSchema();
  }

  @Test
  void theSeedShorthandBecomesNestedFieldsWithDefaultsDescriptionsAndRequiredMarks() {
    List<SchemaForm.Field> fields = SchemaForm.fields(dockerSchema());
    assertThat(fields).extracting(SchemaForm.Field::path).contains("repository.url", "repository.revision.branch",
        "docker.context");
    SchemaForm.Field branch = fields.stream().filter(f -> f.path().equals("repository.revision.branch")).findFirst()
        .orElseThrow();
    assertThat(branch.kind()).isEqualTo(SchemaForm.Kind.TEXT);
    assertThat(branch.defaultValue()).isEqualTo("main");
    assertThat(branch.description()).isEqualTo("Git branch to checkout");
    assertThat(branch.depth()).isEqualTo(2);
    assertThat(fields.stream().filter(f -> f.path().equals("repository.url")).findFirst().orElseThrow().required())
        .isTrue();
    assertThat(SchemaForm.of(dockerSchema())).anySatisfy(e -> assertThat(e.group()).isEqualTo("repository.revision"));
  }

  @Test
  void typesEnumsAndFreeFormValuesBecomeTheirInputs() throws Exception {
    JsonNode schema = JSON.readTree("""
        {"type":"object","required":["replicas"],"properties":{
          "replicas":{"type":"integer","default":2},
          "ratio":{"type":"number"},
          "debug":{"type":"boolean","default":false},
          "mode":{"type":"string","enum":["fast","safe"]},
          "tags":{"type":"array","items":{"type":"string"}}}}
        """);
    assertThat(SchemaForm.fields(schema)).extracting(SchemaForm.Field::kind).containsExactly(
        SchemaForm.Kind.INTEGER, SchemaForm.Kind.NUMBER, SchemaForm.Kind.BOOLEAN, SchemaForm.Kind.CHOICE,
        SchemaForm.Kind.JSON);

    FormParameters.Parsed parsed = FormParameters.parse(SchemaForm.fields(schema),
        Map.of("replicas", "3", "ratio", "0.5", "mode", "safe", "tags", "[\"a\"]"));
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.parameters().toString())
        .isEqualTo("{\"replicas\":3,\"ratio\":0.5,\"debug\":false,\"mode\":\"safe\",\"tags\":[\"a\"]}");
    FormParameters.Parsed bad = FormParameters.parse(SchemaForm.fields(schema),
        Map.of("replicas", "three", "tags", "[not json"));
    assertThat(bad.errors()).containsEntry("replicas", "must be a whole number").containsEntry("tags", "must be JSON");
  }

  @Test
  void emptyFieldsAreLeftOutSoDefaultsApplyAndNestedPathsNest() {
    FormParameters.Parsed parsed = FormParameters.parse(SchemaForm.fields(dockerSchema()),
        Map.of("repository.url", "https://github.com/myorg/app", "repository.revision.branch", "",
            "docker.context", "./svc"));
    assertThat(parsed.parameters().path("repository").path("url").asText()).isEqualTo("https://github.com/myorg/app");
    assertThat(parsed.parameters().path("repository").path("revision").has("branch")).isFalse();
    assertThat(parsed.parameters().path("docker").path("context").asText()).isEqualTo("./svc");
  }

  @Test
  void aHostileSchemaIsBounded() throws Exception {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      deep.append("{\"type\":\"object\",\"properties\":{\"n\":");
    }
    deep.append("{\"type\":\"string\"}").append("}}".repeat(50));
    assertThat(SchemaForm.of(JSON.readTree(deep.toString())).size()).isLessThanOrEqualTo(SchemaForm.MAX_DEPTH + 2);
    StringBuilder wide = new StringBuilder("{\"type\":\"object\",\"properties\":{");
    for (int i = 0; i < 1000; i++) {
      wide.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":{\"type\":\"string\"}");
    }
    wide.append("}}");
    assertThat(SchemaForm.of(JSON.readTree(wide.toString()))).hasSize(SchemaForm.MAX_FIELDS);
    assertThat(ManifestReader.YAML).isNotNull();
  }
}
