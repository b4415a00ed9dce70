package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A minimal OpenAPI v3: enough for kubectl to find each kind and to learn that PATCH takes JSON
 * merge patch and JSON patch (no strategic merge, no server-side apply), so {@code kubectl apply}
 * updates objects with {@code application/merge-patch+json}.
 */
public final class OpenApiDocuments {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OpenApiDocuments() {}

  /** {@code /openapi/v3}: one entry per group-version. */
  public static ObjectNode root(List<ApiResource> all) {
    ObjectNode doc = NODES.objectNode();
    ObjectNode paths = doc.putObject("paths");
    Set<String> groupVersions = new LinkedHashSet<>();
    all.forEach(r -> groupVersions.add(prefix(r)));
    groupVersions.forEach(gv -> paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=wfrun"));
    return doc;
  }

  /** {@code /openapi/v3/apis/G/V} (or {@code api/v1}); null when nothing is served there. */
  public static ObjectNode groupVersion(List<ApiResource> all, String groupVersionPath) {
    List<ApiResource> served = all.stream().filter(r -> prefix(r).equals(groupVersionPath)).toList();
    if (served.isEmpty()) {
      return null;
    }
    ObjectNode doc = NODES.objectNode().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "wfrun dev embedded API").put("version", "v1.32.0");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    for (ApiResource r : served) {
      String schemaName = schemaName(r);
      ObjectNode schema = schemas.putObject(schemaName).put("type", "object")
          .put("x-kubernetes-preserve-unknown-fields", true);
      gvk(schema.putArray("x-kubernetes-group-version-kind"), r);
      String base = "/" + groupVersionPath + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural();
      ObjectNode item = paths.putObject(base + "/{name}");
      ObjectNode get = item.putObject("get");
      gvkAction(get, r, "get");
      get.putObject("responses").putObject("200").putObject("content").putObject("application/json")
          .putObject("schema").put("$ref", "#/components/schemas/" + schemaName);
      ObjectNode patch = item.putObject("patch");
      gvkAction(patch, r, "patch");
      fieldValidation(patch);
      ObjectNode content = patch.putObject("requestBody").putObject("content");
      content.putObject("application/merge-patch+json").putObject("schema").put("type", "object");
      content.putObject("application/json-patch+json").putObject("schema").put("type", "object");
      patch.putObject("responses").putObject("200").putObject("content").putObject("application/json")
          .putObject("schema").put("$ref", "#/components/schemas/" + schemaName);
      ObjectNode post = paths.putObject(base).putObject("post");
      gvkAction(post, r, "post");
      fieldValidation(post);
      post.putObject("requestBody").putObject("content").putObject("application/json").putObject("schema")
          .put("$ref", "#/components/schemas/" + schemaName);
      post.putObject("responses").putObject("201").putObject("content").putObject("application/json")
          .putObject("schema").put("$ref", "#/components/schemas/" + schemaName);
    }
    return doc;
  }

  /** kubectl validates on the server when the operation takes {@code fieldValidation}. */
  private static void fieldValidation(ObjectNode operation) {
    operation.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
        .put("uniqueItems", true).putObject("schema").put("type", "string");
  }

  private static void gvkAction(ObjectNode operation, ApiResource r, String action) {
    operation.put("x-kubernetes-action", action);
    ObjectNode gvk = operation.putObject("x-kubernetes-group-version-kind");
    gvk.put("group", r.group()).put("version", r.version()).put("kind", r.kind());
  }

  private static void gvk(ArrayNode list, ApiResource r) {
    list.addObject().put("group", r.group()).put("version", r.version()).put("kind", r.kind());
  }

  private static String prefix(ApiResource r) {
    return r.group().isEmpty() ? "api/" + r.version() : "apis/" + r.group() + "/" + r.version();
  }

  private static String schemaName(ApiResource r) {
    String group = r.group().isEmpty() ? "io.k8s.api.core" : reverse(r.group());
    return group + "." + r.version() + "." + r.kind();
  }

  private static String reverse(String group) {
    List<String> parts = new java.util.ArrayList<>(List.of(group.split("\\.")));
    java.util.Collections.reverse(parts);
    return String.join(".", parts);
  }
}
