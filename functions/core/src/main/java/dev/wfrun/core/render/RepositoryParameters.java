package dev.wfrun.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.core.schema.SchemaException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a component workflow keeps the repository URL, branch, commit, app path and secret
 * reference among its parameters: from the {@code x-openchoreo-component-parameter-repository-*}
 * markers of its schema, else from the legacy {@code openchoreo.dev/component-workflow-parameters}
 * annotation. Maps a role ({@code url}, {@code branch}, {@code commit}, {@code app-path},
 * {@code secret-ref}) to a dotted parameter path ({@code repository.revision.branch}).
 */
public final class RepositoryParameters {
  public static final String MARKER_PREFIX = "x-openchoreo-component-parameter-repository-";
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Map<String, String> LEGACY_ROLES = Map.of(
      "repoUrl", "url", "branch", "branch", "commit", "commit", "appPath", "app-path", "secretRef", "secret-ref");

  private RepositoryParameters() {}

  public static Map<String, String> paths(ResolvedWorkflow workflow) {
    JsonNode schema = workflow.spec().parameters() == null ? null : workflow.spec().parameters().openAPIV3Schema();
    Map<String, String> roles = new LinkedHashMap<>();
    if (schema != null && schema.isObject()) {
      collect(schema.path("properties"), "", roles);
    }
    if (roles.isEmpty()) {
      roles.putAll(legacy(workflow.annotations().get(OpenChoreo.ANNOTATION_COMPONENT_WORKFLOW_PARAMETERS)));
    }
    return roles;
  }

  private static void collect(JsonNode properties, String prefix, Map<String, String> roles) {
    properties.properties().forEach(p -> {
      String path = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
      p.getValue().properties().forEach(k -> {
        if (k.getKey().startsWith(MARKER_PREFIX) && k.getValue().isBoolean() && k.getValue().booleanValue()) {
          String role = k.getKey().substring(MARKER_PREFIX.length());
          String existing = roles.putIfAbsent(role, path);
          if (existing != null) {
            throw new SchemaException("duplicate " + k.getKey() + " extension found at path \"" + path
                + "\" (role \"" + role + "\" already mapped to \"" + existing + "\")");
          }
        }
      });
      collect(p.getValue().path("properties"), path, roles);
    });
  }

  private static Map<String, String> legacy(String annotation) {
    Map<String, String> roles = new LinkedHashMap<>();
    if (annotation == null || annotation.isBlank()) {
      return roles;
    }
    try {
      JsonNode mapping = YAML.readTree(annotation);
      if (mapping != null && mapping.isObject()) {
        mapping.properties().forEach(e -> {
          String role = LEGACY_ROLES.get(e.getKey());
          if (role != null && e.getValue().isTextual()) {
            roles.put(role, e.getValue().textValue().replaceFirst("^parameters\\.", ""));
          }
        });
      }
    } catch (IOException malformed) {
      // upstream ignores a malformed annotation (an empty mapping)
    }
    return roles;
  }

  /** The value at a dotted path of the parameters, or null. */
  public static JsonNode at(JsonNode parameters, String dottedPath) {
    JsonNode node = parameters;
    for (String segment : dottedPath.split("\\.")) {
      if (node == null) {
        return null;
      }
      node = node.get(segment);
    }
    return node;
  }
}
