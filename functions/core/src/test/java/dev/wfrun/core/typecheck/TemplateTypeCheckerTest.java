package dev.wfrun.core.typecheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTypeCheckerTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode schema(String yaml) throws Exception {
    return YAML.readTree(yaml);
  }

  private static final String DOCKER = """
      type: object
      properties:
        n: {type: integer}
        repository:
          type: object
          properties:
            url: {type: string}
            revision:
              type: object
              properties:
                branch: {type: string, default: main}
        labels: {type: object, additionalProperties: {type: string}}
        items: {type: array, items: {type: integer}}
        free: {type: object, x-kubernetes-preserve-unknown-fields: true}
      """;

  private static TemplateTypeChecker checker() throws Exception {
    return new TemplateTypeChecker(schema(DOCKER), List.of("git-secret-reference"));
  }

  @Test
  void anUndeclaredParameterIsNamedWithWhatIsDeclared() throws Exception {
    assertThat(checker().check("parameters.nope")).containsExactly(
        "no such parameter \"nope\" (declared: n, repository, labels, items, free)");
  }

  @Test
  void aNearMissSuggestsTheParameterMeant() throws Exception {
    assertThat(checker().check("parameters.repository.revision.brnch")).containsExactly(
        "no such parameter \"repository.revision.brnch\" (did you mean \"repository.revision.branch\"?)");
  }

  @Test
  void selectingAFieldOfAnIntegerIsATypeError() throws Exception {
    assertThat(checker().check("parameters.n.foo")).singleElement().asString()
        .contains("does not support field selection");
  }

  @Test
  void sizeOfAnIntegerIsATypeError() throws Exception {
    assertThat(checker().check("size(parameters.n)")).singleElement().asString()
        .contains("found no matching overload for 'size' applied to '(int)'");
  }

  @Test
  void wellTypedExpressionsPass() throws Exception {
    TemplateTypeChecker checker = checker();
    for (String ok : List.of("parameters.repository.url.startsWith(\"https\")", "parameters.n + 1",
        "parameters.labels.transformMap(k, v, k.upperAscii() + \"=\" + v)", "parameters.items.filter(x, x > 0)",
        "parameters.free.anything.goes", "has(parameters.repository.url)", "parameters.?n.orValue(0)",
        "metadata.workflowRunName + \"-x\"", "metadata.labels[\"openchoreo.dev/component\"]",
        "workflowplane.secretStore", "systemParameters.repository.revision.commit",
        "externalRefs['git-secret-reference'].spec.data[0].secretKey", "parameters.repository",
        "size(parameters.repository)", "oc_merge(parameters.repository, {\"a\": 1})", "parameters.n > 1.5")) {
      assertThat(checker.check(ok)).as(ok).isEmpty();
    }
  }

  @Test
  void anUndeclaredExternalRefIsNamed() throws Exception {
    assertThat(checker().check("externalRefs['git-secret-refrence'].spec")).containsExactly(
        "no externalRef with id \"git-secret-refrence\" (did you mean \"git-secret-reference\"?); declared: git-secret-reference");
    assertThat(checker().check("externalRefs.other")).containsExactly(
        "no externalRef with id \"other\"; declared: git-secret-reference");
  }

  @Test
  void metadataHasOnlyItsFields() throws Exception {
    assertThat(checker().check("metadata.componentName")).singleElement().asString()
        .startsWith("metadata has no field \"componentName\"").contains("namespaceName, workflowRunName");
  }

  @Test
  void withoutASchemaParametersAreFreeForm() {
    assertThat(new TemplateTypeChecker(null, null).check("parameters.anything.at.all")).isEmpty();
  }

  @Test
  void aSyntaxErrorIsReported() throws Exception {
    assertThat(checker().check("parameters.n +")).singleElement().asString().contains("mismatched input");
  }
}
