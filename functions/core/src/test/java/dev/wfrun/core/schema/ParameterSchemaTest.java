package dev.wfrun.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.yaml.ManifestReader;
import org.junit.jupiter.api.Test;

class ParameterSchemaTest {

  private static JsonNode yaml(String text) {
    return ManifestReader.parse("t", text).get(0).node();
  }

  private static final JsonNode SHORTHAND = yaml("""
      repository:
        url: string | description="Git repository URL"
        revision:
          $default: {}
          branch: string | default=main
      replicas: integer | default=1 minimum=1
      """);

  private static final JsonNode OPENAPI = yaml("""
      type: object
      required: [repository]
      properties:
        repository:
          type: object
          required: [url]
          properties:
            url: {type: string, description: Git repository URL}
            revision:
              type: object
              default: {}
              properties:
                branch: {type: string, default: main}
        replicas: {type: integer, default: 1, minimum: 1}
      """);

  @Test
  void bothFormsCompileToTheSameJsonSchema() {
    JsonNode fromShorthand = ParameterSchema.fromShorthand(SHORTHAND, null).jsonSchema();
    JsonNode fromOpenApi = ParameterSchema.fromOpenApi(OPENAPI).jsonSchema();
    assertThat(dev.wfrun.core.yaml.JsonSemantics.difference(fromOpenApi, fromShorthand)).isEmpty();
  }

  @Test
  void defaultsAreAppliedTopDownAndExistingValuesKept() {
    ParameterSchema schema = ParameterSchema.fromShorthand(SHORTHAND, null);
    JsonNode out = schema.applyDefaults(yaml("repository: {url: u}\nreplicas: 3"));
    assertThat(out).isEqualTo(yaml("repository: {url: u, revision: {branch: main}}\nreplicas: 3"));
  }

  @Test
  void reportsEveryViolationWithItsPath() {
    ParameterSchema schema = ParameterSchema.fromOpenApi(OPENAPI);
    var violations = schema.validate(schema.applyDefaults(yaml("repository: {revision: {branch: [x]}}\nreplicas: 0")));
    assertThat(violations).extracting(Violation::toString).containsExactly(
        "replicas: must have a minimum value of 1",
        "repository.revision.branch: must be of type string, got array",
        "repository.url: required");
  }

  @Test
  void aWorkflowMayNotDeclareBothForms() {
    WorkflowSpec spec = Fixtures.as(yaml("""
        parameters: {openAPIV3Schema: {type: object}}
        schema: {parameters: {a: string}}
        runTemplate: {}
        """), WorkflowSpec.class);
    assertThatThrownBy(() -> ParameterSchema.of(spec))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("mutually exclusive");
  }

  @Test
  void aBrokenShorthandSchemaNamesTheField() {
    WorkflowSpec spec = Fixtures.as(yaml("""
        schema: {parameters: {db: {port: "integer | default=x"}}}
        runTemplate: {}
        """), WorkflowSpec.class);
    assertThatThrownBy(() -> ParameterSchema.of(spec))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("spec.schema.parameters: field \"db\": field \"port\": invalid default \"x\"");
  }
}
