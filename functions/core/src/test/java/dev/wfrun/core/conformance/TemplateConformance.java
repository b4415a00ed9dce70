package dev.wfrun.core.conformance;

import static dev.wfrun.core.conformance.JsonAssert.assertSemanticEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.naming.KubernetesNames;
import dev.wfrun.core.template.Expression;
import dev.wfrun.core.template.ExpressionScanner;
import dev.wfrun.core.template.Omit;
import dev.wfrun.core.template.TemplateEngine;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.template.TemplateValues.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The harnesses of {@code template-cases.yaml}, one per suite, as the file describes them. */
final class TemplateConformance {
  static final String FILE = "template-cases.yaml";
  private static final TemplateEngine ENGINE = new TemplateEngine();

  private TemplateConformance() {}

  static Stream<ConformanceCase> cases() {
    List<ConformanceCase> all = new ArrayList<>();
    for (JsonNode suite : ConformanceFiles.read(FILE).get("suites")) {
      String name = suite.get("suite").asText();
      ConformanceCase.Check check = switch (name) {
        case "render", "render_errors", "interpolation_types", "cel_extensions", "error_propagation",
            "structural" -> TemplateConformance::render;
        case "find_cel_expressions" -> TemplateConformance::findExpressions;
        case "k8s_name_generation" -> TemplateConformance::generateName;
        case "remove_omitted_fields" -> TemplateConformance::removeOmitted;
        case "cel_value_conversion" -> TemplateConformance::celValueConversion;
        default -> body -> {
          throw new AssertionError("no harness for suite " + name);
        };
      };
      for (JsonNode c : suite.get("cases")) {
        all.add(new ConformanceCase("template/" + name, c.get("name").asText(), c, check));
      }
    }
    return all.stream();
  }

  private static void render(JsonNode body) {
    JsonNode templateJson = body.has("template_yaml")
        ? ConformanceFiles.parseYaml(body.get("template_yaml").asText())
        : body.get("template_json");
    Object template = TemplateValues.fromJson(templateJson, Numbers.GO_FLOAT);
    Numbers numbers = "int64".equals(body.path("inputs_types").asText()) ? Numbers.NATURAL : Numbers.GO_FLOAT;
    if (body.has("inputs_sequence")) {
      for (int i = 0; i < body.get("inputs_sequence").size(); i++) {
        Object out = ENGINE.renderAndRemoveOmitted(template, inputs(body.get("inputs_sequence").get(i), numbers));
        assertSemanticEquals(body.get("expected_sequence").get(i), TemplateValues.toJson(out));
      }
      return;
    }
    Map<String, Object> inputs = inputs(body.get("inputs"), numbers);
    if (Expect.error(body)) {
      Expect.failure(body, () -> ENGINE.renderAndRemoveOmitted(template, inputs));
      return;
    }
    Object out = ENGINE.renderAndRemoveOmitted(template, inputs);
    if (body.has("expected")) {
      assertSemanticEquals(body.get("expected"), TemplateValues.toJson(out));
    }
  }

  @SuppressWarnings("unchecked") // inputs are always YAML maps
  private static Map<String, Object> inputs(JsonNode node, Numbers numbers) {
    if (node == null || node.isNull()) {
      return new LinkedHashMap<>();
    }
    return (Map<String, Object>) TemplateValues.fromJson(node, numbers);
  }

  private static void findExpressions(JsonNode body) {
    String input = body.get("input").asText();
    if (Expect.error(body)) {
      Expect.failure(body, () -> ExpressionScanner.find(input));
      return;
    }
    List<Expression> found = ExpressionScanner.find(input);
    JsonNode expected = body.get("expected");
    List<Expression> wanted = new ArrayList<>();
    expected.forEach(e -> wanted.add(new Expression(e.get("full").asText(), e.get("inner").asText())));
    if (!wanted.equals(found)) {
      throw new AssertionError("expected " + wanted + ", got " + found);
    }
  }

  private static void generateName(JsonNode body) {
    List<String> parts = new ArrayList<>();
    body.get("parts").forEach(p -> parts.add(p.asText()));
    String name = KubernetesNames.generate(parts, body.get("limit").asInt());
    JsonNode expected = body.get("expected");
    // A YAML 1.2 reader takes a hash-only name such as 3973e022 for a number: compare by value then.
    boolean same = expected.isNumber()
        ? name.matches("[0-9.e+-]+") && new java.math.BigDecimal(name).compareTo(expected.decimalValue()) == 0
        : name.equals(expected.asText());
    if (!same) {
      throw new AssertionError("expected " + body.get("expected").asText() + ", got " + name);
    }
  }

  private static void removeOmitted(JsonNode body) {
    Object input = withOmitMarkers(TemplateValues.fromJson(body.get("input"), Numbers.GO_FLOAT));
    assertSemanticEquals(body.get("expected"), TemplateValues.toJson(TemplateValues.removeOmitted(input)));
  }

  private static Object withOmitMarkers(Object value) {
    if ("__OMIT__".equals(value)) {
      return Omit.VALUE;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), withOmitMarkers(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(withOmitMarkers(v)));
      return out;
    }
    return value;
  }

  /**
   * The suite describes CEL-to-native conversion informally; each case is restated as an
   * expression whose rendered value shows the conversion.
   */
  private static void celValueConversion(JsonNode body) {
    Map<String, String> expressions = Map.of(
        "uint", "${uint(100)}",
        "double", "${3.14}",
        "list drops omit elements", "${[\"keep\", oc_omit(), \"also-keep\"]}",
        "map keys stringified", "${{1: \"a\", true: \"b\"}}");
    Map<String, String> expected = Map.of(
        "uint", "100",
        "double", "3.14",
        "list drops omit elements", "[\"keep\",\"also-keep\"]",
        "map keys stringified", "{\"1\":\"a\",\"true\":\"b\"}");
    String name = body.get("name").asText();
    String expression = expressions.get(name);
    if (expression == null) {
      throw new AssertionError("no restatement for " + name);
    }
    Object out = ENGINE.render(expression, new LinkedHashMap<>());
    assertSemanticEquals(ConformanceFiles.parseYaml(expected.get(name)), TemplateValues.toJson(out));
  }
}
