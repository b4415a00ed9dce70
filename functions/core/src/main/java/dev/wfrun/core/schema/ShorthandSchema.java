package dev.wfrun.core.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles the shorthand parameter language of the seed documents into JSON Schema:
 *
 * <pre>
 * repository:
 *   url: string | description="Git repository URL"
 *   revision:
 *     branch: string | default=main
 * replicas: integer | minimum=1 default=1
 * tags: '[]string | default=[]'
 * </pre>
 *
 * A field without a default is required; nested field maps become objects; {@code $default}
 * gives an object a default; custom types come from {@code types} (or a root {@code $types}).
 * Type expressions: {@code string integer number boolean}, {@code []T}, {@code array<T>},
 * {@code map<T>}, {@code map[string]T}, and custom type names.
 */
public final class ShorthandSchema {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> PRIMITIVES = List.of("string", "integer", "number", "boolean");
  private static final String OBJECT_NOT_ALLOWED =
      "'object' type is not allowed; use a map type (e.g., 'map<string>') for free-form objects or "
          + "define a structured type with explicit properties";

  /**
   * @param additionalPropertiesFalse close every object built from a field map
   * @param skipDefaultValidation do not check defaults against their schema
   */
  public record Options(boolean additionalPropertiesFalse, boolean skipDefaultValidation) {
    public static final Options DEFAULT = new Options(false, false);
  }

  private final Map<String, JsonNode> typeDefinitions;
  private final Options options;
  private final Map<String, ObjectNode> typeCache = new HashMap<>();
  private final Deque<String> typeStack = new ArrayDeque<>();

  private ShorthandSchema(Map<String, JsonNode> typeDefinitions, Options options) {
    this.typeDefinitions = typeDefinitions;
    this.options = options;
  }

  /** The JSON Schema of a shorthand field map. */
  public static ObjectNode extract(JsonNode fields, JsonNode types, Options options) {
    Map<String, JsonNode> definitions = new HashMap<>();
    ObjectNode root = fields == null || fields.isNull() ? JSON.objectNode() : ((ObjectNode) fields).deepCopy();
    JsonNode inline = root.remove("$types");
    if (inline != null && inline.isObject()) {
      inline.properties().forEach(e -> definitions.put(e.getKey(), e.getValue()));
    }
    if (types != null && types.isObject()) {
      types.properties().forEach(e -> definitions.put(e.getKey(), e.getValue()));
    }
    return new ShorthandSchema(definitions, options).object(root);
  }

  public static ObjectNode extract(JsonNode fields, JsonNode types) {
    return extract(fields, types, Options.DEFAULT);
  }

  private ObjectNode object(JsonNode fieldMap) {
    if (!fieldMap.isObject()) {
      throw new SchemaException("unsupported field definition of type " + JsonTypes.goName(fieldMap));
    }
    ObjectNode fields = ((ObjectNode) fieldMap).deepCopy();
    JsonNode objectDefault = fields.remove("$default");
    ObjectNode schema = JSON.objectNode();
    schema.put("type", "object");
    ObjectNode properties = JSON.objectNode();
    ArrayNode required = JSON.arrayNode();
    Map<String, JsonNode> sorted = new TreeMap<>();
    fields.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
    for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
      ObjectNode property;
      try {
        property = field(field.getValue());
      } catch (SchemaException e) {
        throw e.prefixed("field \"" + field.getKey() + "\": ");
      }
      properties.set(field.getKey(), property);
      if (!property.has("default")) {
        required.add(field.getKey());
      }
    }
    if (!properties.isEmpty()) {
      schema.set("properties", properties);
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    if (options.additionalPropertiesFalse()) {
      schema.put("additionalProperties", false);
    }
    if (objectDefault != null) {
      schema.set("default", objectDefault(objectDefault, schema));
    }
    return schema;
  }

  private ObjectNode field(JsonNode definition) {
    if (definition.isTextual()) {
      return typeString(definition.textValue());
    }
    if (definition.isObject()) {
      return object(definition);
    }
    throw new SchemaException("unsupported field definition of type " + JsonTypes.goName(definition));
  }

  private JsonNode objectDefault(JsonNode value, ObjectNode schema) {
    JsonNode parsed;
    if (value.isObject()) {
      parsed = value;
    } else if (value.isTextual()) {
      try {
        parsed = MAPPER.readTree(value.textValue());
      } catch (JsonProcessingException e) {
        throw new SchemaException("invalid $default: value is not a valid object: " + e.getOriginalMessage());
      }
      if (parsed == null || !parsed.isObject()) {
        throw new SchemaException("invalid $default: value must be an object, got " + JsonTypes.goName(parsed));
      }
    } else {
      throw new SchemaException(
          "invalid $default: value must be an object or JSON string, got " + JsonTypes.goName(value));
    }
    if (!options.skipDefaultValidation()) {
      List<Violation> violations = SchemaValidator.of(schema).validate(parsed);
      if (!violations.isEmpty()) {
        throw new SchemaException("invalid $default: default value does not satisfy schema: "
            + "default value does not satisfy schema constraints: " + violations);
      }
    }
    return parsed;
  }

  /** {@code type-expr [| constraints]}, split at the first '|'. */
  private ObjectNode typeString(String text) {
    int bar = text.indexOf('|');
    String expression = (bar < 0 ? text : text.substring(0, bar)).trim();
    String constraints = bar < 0 ? "" : text.substring(bar + 1).trim();
    if (expression.isEmpty()) {
      throw new SchemaException("empty schema expression");
    }
    ObjectNode schema = type(expression);
    applyConstraints(schema, constraints);
    JsonNode def = schema.get("default");
    if (def != null && !options.skipDefaultValidation()) {
      ObjectNode withoutDefault = schema.deepCopy();
      withoutDefault.remove("default");
      List<Violation> violations = SchemaValidator.of(withoutDefault).validate(def);
      if (!violations.isEmpty()) {
        throw new SchemaException("invalid default value: default value does not satisfy schema constraints: "
            + violations);
      }
    }
    return schema;
  }

  private ObjectNode type(String expression) {
    if (expression.equals("object")) {
      throw new SchemaException(OBJECT_NOT_ALLOWED);
    }
    if (PRIMITIVES.contains(expression)) {
      ObjectNode schema = JSON.objectNode();
      schema.put("type", expression);
      return schema;
    }
    if (expression.startsWith("[]")) {
      return array(type(expression.substring(2).trim()));
    }
    if (expression.startsWith("array<") && expression.endsWith(">")) {
      return array(type(expression.substring(6, expression.length() - 1).trim()));
    }
    if (expression.startsWith("map<") && expression.endsWith(">")) {
      return map(type(expression.substring(4, expression.length() - 1).trim()));
    }
    if (expression.startsWith("map[")) {
      int close = expression.indexOf(']');
      if (close < 0) {
        throw new SchemaException("invalid map type expression \"" + expression + "\"");
      }
      String key = expression.substring(4, close).trim();
      if (!key.equals("string")) {
        throw new SchemaException(
            "map key type must be 'string', got \"" + key + "\" in \"" + expression + "\"");
      }
      return map(type(expression.substring(close + 1).trim()));
    }
    return customType(expression);
  }

  private static ObjectNode array(ObjectNode items) {
    ObjectNode schema = JSON.objectNode();
    schema.put("type", "array");
    schema.set("items", items);
    return schema;
  }

  private static ObjectNode map(ObjectNode values) {
    ObjectNode schema = JSON.objectNode();
    schema.put("type", "object");
    schema.set("additionalProperties", values);
    return schema;
  }

  private ObjectNode customType(String name) {
    ObjectNode cached = typeCache.get(name);
    if (cached != null) {
      return cached.deepCopy();
    }
    JsonNode definition = typeDefinitions.get(name);
    if (definition == null) {
      throw new SchemaException("unknown type \"" + name + "\"");
    }
    if (typeStack.contains(name)) {
      throw new SchemaException("detected cyclic type reference involving \"" + name + "\"");
    }
    typeStack.push(name);
    try {
      ObjectNode schema;
      if (definition.isTextual()) {
        schema = typeString(definition.textValue());
      } else if (definition.isObject()) {
        schema = object(definition);
      } else {
        throw new SchemaException("unsupported custom type definition for \"" + name + "\" (type "
            + JsonTypes.goName(definition) + ")");
      }
      typeCache.put(name, schema);
      return schema.deepCopy();
    } finally {
      typeStack.pop();
    }
  }

  private void applyConstraints(ObjectNode schema, String constraints) {
    if (constraints.isEmpty()) {
      return;
    }
    for (String token : ConstraintTokenizer.tokens(constraints)) {
      int eq = token.indexOf('=');
      if (eq < 0) {
        if (token.equals("|") || token.startsWith("oc:")) {
          continue;
        }
        throw new SchemaException("constraint marker \"" + token
            + "\" is missing a value (should be in format 'key=value')");
      }
      String key = token.substring(0, eq).trim();
      String value = token.substring(eq + 1).trim();
      if (key.startsWith("oc:")) {
        continue;
      }
      applyConstraint(schema, key, value);
    }
  }

  private void applyConstraint(ObjectNode schema, String key, String value) {
    String type = schema.path("type").asText();
    try {
      switch (key) {
        case "required" -> throw new SchemaException(
            "marker \"required\" is not allowed - use default values to make fields optional");
        case "default" -> schema.set("default", typedValue(type, value, "default"));
        case "enum" -> {
          ArrayNode values = JSON.arrayNode();
          for (String piece : ConstraintTokenizer.splitRespectingQuotes(value, ',')) {
            values.add(typedValue(type, piece, "enum value"));
          }
          schema.set("enum", values);
        }
        case "minimum", "maximum", "multipleOf" -> schema.set(key, numeric(GoScalars.parseFloat(value)));
        case "exclusiveMinimum", "exclusiveMaximum" -> schema.put(key, GoScalars.parseBool(value));
        case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties" ->
            schema.put(key, GoScalars.parseInt(value));
        case "example" -> schema.set("example", arbitrary(value));
        case "pattern", "title", "description", "format" -> schema.put(key, GoScalars.unquoteIfNeeded(value));
        default -> throw new SchemaException("unknown constraint marker \"" + key + "\"");
      }
    } catch (IllegalArgumentException e) {
      throw new SchemaException("invalid " + key + " \"" + value + "\": " + e.getMessage());
    }
  }

  /** A default or enum value, typed by the schema's type. */
  private static JsonNode typedValue(String type, String raw, String what) {
    try {
      return switch (type) {
        case "string" -> JSON.textNode(GoScalars.unquoteIfNeeded(raw));
        case "integer" -> {
          if (raw.isEmpty()) {
            throw new IllegalArgumentException("empty integer value");
          }
          yield JSON.numberNode(GoScalars.parseInt(raw));
        }
        case "number" -> {
          if (raw.isEmpty()) {
            throw new IllegalArgumentException("empty number value");
          }
          yield numeric(GoScalars.parseFloat(raw));
        }
        case "boolean" -> JSON.booleanNode(GoScalars.parseBool(raw));
        default -> {
          if (raw.isEmpty()) {
            throw new IllegalArgumentException("empty " + type + " value");
          }
          try {
            yield MAPPER.readTree(raw);
          } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
          }
        }
      };
    } catch (IllegalArgumentException e) {
      throw new SchemaException("invalid " + what + " \"" + raw + "\": " + e.getMessage());
    }
  }

  /** {@code example}: JSON for objects and arrays, else bool, int, float, or the raw string. */
  private static JsonNode arbitrary(String raw) {
    String value = raw.trim();
    if (value.isEmpty()) {
      return JSON.textNode("");
    }
    if (value.startsWith("{") || value.startsWith("[")) {
      try {
        return MAPPER.readTree(value);
      } catch (JsonProcessingException e) {
        return JSON.textNode(value);
      }
    }
    try {
      return JSON.booleanNode(GoScalars.parseBool(value));
    } catch (IllegalArgumentException notBool) {
      try {
        return JSON.numberNode(GoScalars.parseInt(value));
      } catch (IllegalArgumentException notInt) {
        try {
          return numeric(GoScalars.parseFloat(value));
        } catch (IllegalArgumentException notFloat) {
          return JSON.textNode(value);
        }
      }
    }
  }

  /** Integral values print as integers, as Kubernetes' JSON does. */
  private static JsonNode numeric(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return JSON.numberNode((long) value);
    }
    return JSON.numberNode(value);
  }

  /** Enum splitting, exposed for the conformance cases. */
  public static List<String> splitRespectingQuotes(String text, char separator) {
    return ConstraintTokenizer.splitRespectingQuotes(text, separator);
  }
}
