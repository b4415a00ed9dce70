package dev.wfrun.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.template.Expression;
import dev.wfrun.core.template.ExpressionScanner;
import dev.wfrun.core.typecheck.TemplateTypeChecker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No false alarms: every Workflow of the pipeline conformance cases that upstream renders without an
 * error type-checks clean against its own parameter schema.
 */
class TypeCheckConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @Test
  void workflowsThatRenderRaiseNoTypeErrors() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (JsonNode c : ConformanceFiles.read(PipelineConformance.FILE).get("render_cases")) {
      if (Expect.error(c)) {
        continue;
      }
      JsonNode spec = c.path("input").path("workflow").path("spec");
      JsonNode schema = ParameterSchema.of(JSON.convertValue(spec, WorkflowSpec.class)).jsonSchema();
      List<String> ids = new ArrayList<>();
      c.path("input").path("context").path("externalRefs").fieldNames().forEachRemaining(ids::add);
      spec.path("externalRefs").forEach(r -> ids.add(r.path("id").asText()));
      TemplateTypeChecker checker = new TemplateTypeChecker(schema, ids);
      List<String> texts = new ArrayList<>();
      strings(spec.path("runTemplate"), texts);
      strings(spec.path("resources"), texts);
      for (String text : texts) {
        for (Expression e : ExpressionScanner.find(text)) {
          checked++;
          checker.check(e.inner()).forEach(p -> problems.add(c.path("name").asText() + ": " + e.inner() + ": " + p));
        }
      }
    }
    assertThat(checked).as("expressions checked").isGreaterThan(30);
    assertThat(problems).isEmpty();
  }

  private static void strings(JsonNode node, List<String> out) {
    if (node.isTextual() && node.textValue().contains("${")) {
      out.add(node.textValue());
    } else if (node.isContainerNode()) {
      node.fieldNames().forEachRemaining(k -> {
        if (k.contains("${")) {
          out.add(k);
        }
      });
      node.elements().forEachRemaining(child -> strings(child, out));
    }
  }
}
