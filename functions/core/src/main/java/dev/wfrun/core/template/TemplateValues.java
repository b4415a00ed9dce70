package dev.wfrun.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between JSON and template values: the plain Java values CEL evaluates over
 * ({@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@link List}, {@link Map}, and
 * {@link NullValue#NULL_VALUE} for null).
 */
public final class TemplateValues {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final double MAX_EXACT_LONG = 9007199254740992d; // 2^53

  /** How JSON numbers become CEL numbers. */
  public enum Numbers {
    /**
     * Every number is a double, as Go's {@code encoding/json} decodes WorkflowRun parameters and
     * YAML templates. {@code parameters.replicas} supplied as {@code 2} is the CEL double 2.0.
     */
    GO_FLOAT,
    /** Integral numbers are ints, others doubles, as Kubernetes decodes schema defaults. */
    NATURAL
  }

  private TemplateValues() {}

  public static Object fromJson(JsonNode node, Numbers numbers) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      if (numbers == Numbers.NATURAL && node.isIntegralNumber() && node.canConvertToLong()) {
        return node.longValue();
      }
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(item -> list.add(fromJson(item, numbers)));
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        map.put(field.getKey(), fromJson(field.getValue(), numbers));
      }
      return map;
    }
    if (node.isBinary()) {
      return Base64.getEncoder().encodeToString(((com.fasterxml.jackson.databind.node.BinaryNode) node).binaryValue());
    }
    return node.asText();
  }

  /**
   * Normalises a CEL result into a template value: immutable and CEL-specific collections become
   * plain lists and maps, omitted elements and entries are dropped, map keys are stringified.
   */
  public static Object fromCel(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof Double || value == Omit.VALUE || value instanceof NullValue) {
      return value;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof UnsignedLong u) {
      return u.bigIntegerValue().bitLength() < 64 ? (Object) u.longValue() : u.bigIntegerValue();
    }
    if (value instanceof Optional<?> optional) {
      return optional.map(TemplateValues::fromCel).orElse(NullValue.NULL_VALUE);
    }
    if (value instanceof CelByteString bytes) {
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        Object converted = fromCel(v);
        if (converted != Omit.VALUE) {
          out.put(mapKey(k), converted);
        }
      });
      return out;
    }
    if (value instanceof Iterable<?> items) {
      List<Object> out = new ArrayList<>();
      for (Object item : items) {
        Object converted = fromCel(item);
        if (converted != Omit.VALUE) {
          out.add(converted);
        }
      }
      return out;
    }
    return value.toString();
  }

  private static String mapKey(Object key) {
    if (key instanceof Double d) {
      return GoFormat.g(d);
    }
    return String.valueOf(key);
  }

  /** A template value as JSON; integral doubles print without a fraction, as Go does. */
  public static JsonNode toJson(Object value) {
    if (value == null || value instanceof NullValue || value == Omit.VALUE) {
      return JSON.nullNode();
    }
    if (value instanceof String s) {
      return JSON.textNode(s);
    }
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_LONG) {
        return JSON.numberNode(d.longValue());
      }
      return JSON.numberNode(d);
    }
    if (value instanceof Long l) {
      return JSON.numberNode(l);
    }
    if (value instanceof BigInteger b) {
      return JSON.numberNode(b);
    }
    if (value instanceof Number n) {
      return JSON.numberNode(n.doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = JSON.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
      return object;
    }
    if (value instanceof Iterable<?> items) {
      ArrayNode array = JSON.arrayNode();
      items.forEach(item -> array.add(toJson(item)));
      return array;
    }
    return JSON.textNode(String.valueOf(value));
  }

  /** A short type name for messages ({@code string}, {@code bool}, {@code map} ...). */
  public static String typeName(Object value) {
    if (value == null || value instanceof NullValue) {
      return "null";
    }
    if (value == Omit.VALUE) {
      return "omit";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Long || value instanceof BigInteger) {
      return "int";
    }
    if (value instanceof Double) {
      return "double";
    }
    if (value instanceof Map) {
      return "map";
    }
    if (value instanceof Iterable) {
      return "list";
    }
    return value.getClass().getSimpleName();
  }

  /**
   * Removes omitted map entries and list elements anywhere in a tree the caller owns (a render
   * result), without copying it.
   */
  public static Object removeOmitted(Object value) {
    if (value instanceof Map<?, ?> map) {
      map.values().removeIf(v -> v == Omit.VALUE);
      map.values().forEach(TemplateValues::removeOmitted);
    } else if (value instanceof List<?> list) {
      list.removeIf(v -> v == Omit.VALUE);
      list.forEach(TemplateValues::removeOmitted);
    }
    return value;
  }
}
