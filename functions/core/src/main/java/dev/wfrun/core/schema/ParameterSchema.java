package dev.wfrun.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import java.util.List;

/**
 * A Workflow's parameter schema, compiled once: from {@code spec.parameters.openAPIV3Schema} or
 * from the shorthand {@code spec.schema.parameters}; both give the same kind of JSON Schema.
 * Applies Kubernetes structural defaults and validates run parameters (which upstream never
 * does), reporting every violation.
 */
public final class ParameterSchema {
  private static final ParameterSchema NONE = new ParameterSchema(null);

  private final JsonNode jsonSchema;
  private final SchemaValidator validator;

  private ParameterSchema(JsonNode jsonSchema) {
    this.jsonSchema = jsonSchema;
    this.validator = jsonSchema == null ? null : SchemaValidator.of(jsonSchema);
  }

  /** No schema: parameters are taken as given. */
  public static ParameterSchema none() {
    return NONE;
  }

  public static ParameterSchema fromOpenApi(JsonNode openApiV3Schema) {
    if (openApiV3Schema == null || openApiV3Schema.isNull()) {
      return NONE;
    }
    return new ParameterSchema(OpenApiSchemas.toJsonSchema(openApiV3Schema));
  }

  public static ParameterSchema fromShorthand(JsonNode parameters, JsonNode types) {
    if (parameters == null || parameters.isNull()) {
      return NONE;
    }
    return new ParameterSchema(ShorthandSchema.extract(parameters, types));
  }

  /**
   * The schema of a Workflow spec.
   *
   * @throws SchemaException when the schema is malformed or both forms are given
   */
  public static ParameterSchema of(WorkflowSpec spec) {
    JsonNode openApi = spec.parameters() == null ? null : spec.parameters().openAPIV3Schema();
    JsonNode shorthand = spec.schema() == null ? null : spec.schema().parameters();
    boolean hasOpenApi = openApi != null && !openApi.isNull();
    boolean hasShorthand = shorthand != null && !shorthand.isNull();
    if (hasOpenApi && hasShorthand) {
      throw new SchemaException(
          "spec.parameters.openAPIV3Schema and spec.schema.parameters are mutually exclusive; use one");
    }
    if (hasShorthand) {
      try {
        return fromShorthand(shorthand, spec.schema().types());
      } catch (SchemaException e) {
        throw e.prefixed("spec.schema.parameters: ");
      }
    }
    try {
      return fromOpenApi(openApi);
    } catch (SchemaException e) {
      throw e.prefixed("spec.parameters.openAPIV3Schema: ");
    }
  }

  /** The JSON Schema (null when the Workflow declares none). */
  public JsonNode jsonSchema() {
    return jsonSchema;
  }

  /** A copy of {@code parameters} with schema defaults applied; null means no parameters. */
  public JsonNode applyDefaults(JsonNode parameters) {
    if (jsonSchema == null) {
      return parameters == null || parameters.isNull()
          ? JsonNodeFactory.instance.objectNode()
          : parameters.deepCopy();
    }
    return StructuralDefaulter.apply(jsonSchema, parameters);
  }

  /** Every violation of (already defaulted) parameters; empty without a schema. */
  public List<Violation> validate(JsonNode parameters) {
    if (validator == null) {
      return List.of();
    }
    return validator.validate(parameters == null ? JsonNodeFactory.instance.objectNode() : parameters);
  }
}
