package dev.wfrun.core.conformance;

import static dev.wfrun.core.conformance.JsonAssert.assertSemanticEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.schema.OpenApiSchemas;
import dev.wfrun.core.schema.RefResolver;
import dev.wfrun.core.schema.SchemaException;
import dev.wfrun.core.schema.SchemaValidator;
import dev.wfrun.core.schema.ShorthandSchema;
import dev.wfrun.core.schema.StructuralDefaulter;
import dev.wfrun.core.schema.VendorExtensions;
import dev.wfrun.core.schema.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The harnesses of {@code schema-cases.yaml}: one per {@code op}, as its meta describes. */
final class SchemaConformance {
  static final String FILE = "schema-cases.yaml";

  private SchemaConformance() {}

  static Stream<ConformanceCase> cases() {
    List<ConformanceCase> all = new ArrayList<>();
    for (JsonNode suite : ConformanceFiles.read(FILE).get("suites")) {
      String name = suite.get("suite").asText();
      for (JsonNode c : suite.get("cases")) {
        all.add(new ConformanceCase("schema/" + name, c.get("name").asText(), c, SchemaConformance::run));
      }
    }
    return all.stream();
  }

  private static void run(JsonNode body) {
    String op = body.get("op").asText();
    if (Expect.error(body)) {
      Expect.failure(body, () -> perform(op, body));
      return;
    }
    JsonNode actual = perform(op, body);
    if (body.has("expected_same_as_fields_yaml")) {
      JsonNode other = ShorthandSchema.extract(
          ConformanceFiles.parseYaml(body.get("expected_same_as_fields_yaml").asText()), types(body));
      assertSemanticEquals(normalize(other), normalize(actual));
    }
    if (body.has("expected") && !op.equals("validate")) {
      assertSemanticEquals(normalize(body.get("expected")), normalize(actual));
    }
    JsonPaths.checkAsserts(body, actual);
    if (body.has("expected_schema_required")) {
      checkRequired(body);
    }
  }

  private static JsonNode perform(String op, JsonNode body) {
    JsonNode schema = body.get("schema");
    return switch (op) {
      case "extractSchema" -> ShorthandSchema.extract(fields(body), types(body), options(body));
      case "splitRespectingQuotes" -> ConformanceFiles.YAML.valueToTree(ShorthandSchema.splitRespectingQuotes(
          body.get("input").asText(), body.get("separator").asText().charAt(0)));
      case "shorthandThenApplyDefaults" ->
          StructuralDefaulter.apply(ShorthandSchema.extract(fields(body), types(body)), body.get("values"));
      case "resolveRefs" -> RefResolver.resolve(schema);
      case "stripVendorExtensions" -> VendorExtensions.strip(schema);
      case "resolvedSchema" -> OpenApiSchemas.toResolved(schema);
      case "applyDefaults" -> StructuralDefaulter.apply(OpenApiSchemas.toStructural(schema), body.get("values"));
      case "validate" -> validate(schema, body.get("values"));
      case "toJSONSchema" -> OpenApiSchemas.toJsonSchema(schema);
      case "toStructural" -> OpenApiSchemas.toStructural(schema);
      case "validateSchemaFields" -> {
        OpenApiSchemas.checkKnownKeywords(schema);
        yield schema;
      }
      default -> throw new AssertionError("no harness for op " + op);
    };
  }

  /** ValidateWithJSONSchema: every violation joined with "; ", a nil schema refused. */
  private static JsonNode validate(JsonNode schema, JsonNode values) {
    if (schema == null || schema.isNull()) {
      throw new SchemaException("schema is nil");
    }
    List<Violation> violations = SchemaValidator.of(OpenApiSchemas.toJsonSchema(schema)).validate(values);
    if (!violations.isEmpty()) {
      throw new SchemaException(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
    return values;
  }

  private static JsonNode fields(JsonNode body) {
    return body.has("fields_yaml") ? ConformanceFiles.parseYaml(body.get("fields_yaml").asText()) : body.get("fields");
  }

  private static JsonNode types(JsonNode body) {
    return body.has("types_yaml") ? ConformanceFiles.parseYaml(body.get("types_yaml").asText()) : body.get("types");
  }

  private static ShorthandSchema.Options options(JsonNode body) {
    JsonNode o = body.path("options");
    return new ShorthandSchema.Options(
        o.path("setAdditionalPropertiesFalse").asBoolean(false), o.path("skipDefaultValidation").asBoolean(false));
  }

  /** An empty {@code properties} map and an absent one are the same (Go omitempty). */
  private static JsonNode normalize(JsonNode node) {
    if (node == null || !node.isContainerNode()) {
      return node;
    }
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node.isObject()) {
      JsonNode props = node.get("properties");
      if (props != null && props.isObject() && props.isEmpty()) {
        ((ObjectNode) node).remove("properties");
      }
      node.forEach(SchemaConformance::strip);
    } else if (node.isArray()) {
      node.forEach(SchemaConformance::strip);
    }
  }

  /** {@code expected_schema_required}: the required list of the root and named properties. */
  private static void checkRequired(JsonNode body) {
    JsonNode schema = ShorthandSchema.extract(fields(body), types(body));
    body.get("expected_schema_required").properties().forEach(e -> {
      JsonNode at = e.getKey().equals("root") ? schema : find(schema, e.getKey());
      if (at == null) {
        throw new AssertionError("no property " + e.getKey() + " in " + schema);
      }
      JsonNode required = at.get("required");
      if (e.getValue().isNull() ? required != null : !e.getValue().equals(required)) {
        throw new AssertionError("required of " + e.getKey() + ": expected " + e.getValue() + ", got " + required);
      }
    });
  }

  private static JsonNode find(JsonNode schema, String property) {
    JsonNode props = schema.get("properties");
    if (props == null) {
      return null;
    }
    if (props.has(property)) {
      return props.get(property);
    }
    for (JsonNode child : props) {
      JsonNode found = find(child, property);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
