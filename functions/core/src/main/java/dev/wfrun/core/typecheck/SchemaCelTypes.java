package dev.wfrun.core.typecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CEL types of a parameter JSON Schema, as Kubernetes types the values of a structural schema in
 * CEL: an object with {@code properties} is an object type whose fields are those properties (so
 * {@code parameters.nope} is an undefined field), an object with only {@code additionalProperties}
 * a {@code map(string, V)}, an array a {@code list(E)}, {@code string}, {@code integer},
 * {@code number} and {@code boolean} the CEL scalars; {@code x-kubernetes-preserve-unknown-fields},
 * {@code x-kubernetes-int-or-string}, {@code nullable} and anything untyped are {@code dyn}, so the
 * dynamic parts raise no alarm. Object types are named by their path, {@code object<parameters.repository>}
 * in the checker's messages (a name no expression can spell, so {@code parameters.repository} stays a
 * field selection and never resolves to the type). Depth and object count are bounded (a tenant writes the schema).
 */
public final class SchemaCelTypes implements CelTypeProvider {
  static final int MAX_DEPTH = 16;
  static final int MAX_OBJECTS = 500;

  private final Map<String, CelType> objects = new LinkedHashMap<>();

  /** The object types declared so far, by name. */
  @Override
  public ImmutableCollection<CelType> types() {
    return ImmutableList.copyOf(objects.values());
  }

  @Override
  public Optional<CelType> findType(String name) {
    return Optional.ofNullable(objects.get(name));
  }

  /** True when {@code type} is one of this provider's object types. */
  public boolean isObject(CelType type) {
    return type instanceof StructType && objects.containsKey(type.name());
  }

  /** The CEL type of values of {@code schema}, its object types named under {@code name}. */
  public CelType of(String name, JsonNode schema) {
    return of(name, schema, 0);
  }

  /** An object type of fixed fields (the run's {@code metadata}, {@code workflowplane}, ...). */
  public StructType object(String path, Map<String, CelType> fields) {
    Map<String, CelType> copy = new LinkedHashMap<>(fields);
    String name = nameOf(path);
    StructType type = StructType.create(name, ImmutableSet.copyOf(copy.keySet()),
        field -> Optional.ofNullable(copy.get(field)));
    objects.put(name, type);
    return type;
  }

  /** The type name of the object at {@code path}. */
  public static String nameOf(String path) {
    return "object<" + path + ">";
  }

  /** The path of an object type's name. */
  public static String pathOf(StructType type) {
    String name = type.name();
    return name.startsWith("object<") && name.endsWith(">") ? name.substring(7, name.length() - 1) : name;
  }

  private CelType of(String name, JsonNode schema, int depth) {
    if (schema == null || !schema.isObject() || depth > MAX_DEPTH || objects.size() >= MAX_OBJECTS
        || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
        || schema.path("x-kubernetes-int-or-string").asBoolean(false)
        || schema.path("nullable").asBoolean(false)) {
      return SimpleType.DYN;
    }
    return switch (schema.path("type").asText("")) {
      case "string" -> SimpleType.STRING;
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "boolean" -> SimpleType.BOOL;
      case "array" -> ListType.create(of(name + "[]", schema.get("items"), depth + 1));
      case "object" -> objectOf(name, schema, depth);
      default -> SimpleType.DYN;
    };
  }

  private CelType objectOf(String name, JsonNode schema, int depth) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    if (properties.isObject() && !properties.isEmpty()) {
      if (additional != null && !(additional.isBoolean() && !additional.booleanValue())) {
        return SimpleType.DYN; // declared fields and any others: CEL has no such type
      }
      Map<String, CelType> fields = new LinkedHashMap<>();
      properties.fields().forEachRemaining(p -> fields.put(p.getKey(), of(name + "." + p.getKey(), p.getValue(), depth + 1)));
      return object(name, fields);
    }
    if (additional != null && additional.isObject()) {
      return MapType.create(SimpleType.STRING, of(name + "[*]", additional, depth + 1));
    }
    return additional != null && additional.asBoolean(false) ? MapType.create(SimpleType.STRING, SimpleType.DYN)
        : SimpleType.DYN;
  }

  /** {@code type} with every object type as {@code map(string, dyn)}: how the values are held at run time. */
  public CelType loose(CelType type) {
    if (type instanceof StructType) {
      return MapType.create(SimpleType.STRING, SimpleType.DYN);
    }
    if (type instanceof ListType list) {
      return ListType.create(loose(list.elemType()));
    }
    if (type instanceof MapType map) {
      return MapType.create(map.keyType(), loose(map.valueType()));
    }
    return type;
  }
}
