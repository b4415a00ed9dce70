package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The discovery documents kubectl reads first: {@code /version}, {@code /api}, {@code /apis}, {@code /apis/G/V}. */
public final class DiscoveryDocuments {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private DiscoveryDocuments() {}

  public static ObjectNode version() {
    return NODES.objectNode().put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-wfrun-dev")
        .put("gitCommit", "embedded").put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z")
        .put("goVersion", "n/a").put("compiler", "n/a").put("platform", "wfrun-dev/embedded");
  }

  public static ObjectNode coreVersions(String serverAddress) {
    ObjectNode doc = NODES.objectNode().put("kind", "APIVersions");
    doc.putArray("versions").add("v1");
    doc.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return doc;
  }

  public static ObjectNode groups(List<ApiResource> resources) {
    Map<String, List<String>> versions = new LinkedHashMap<>();
    resources.stream().filter(r -> !r.group().isEmpty())
        .forEach(r -> {
          List<String> list = versions.computeIfAbsent(r.group(), g -> new java.util.ArrayList<>());
          if (!list.contains(r.version())) {
            list.add(r.version());
          }
        });
    ObjectNode doc = NODES.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    versions.forEach((group, vs) -> {
      ObjectNode g = groups.addObject().put("name", group);
      ArrayNode list = g.putArray("versions");
      vs.forEach(v -> list.addObject().put("groupVersion", group + "/" + v).put("version", v));
      g.putObject("preferredVersion").put("groupVersion", group + "/" + vs.get(0)).put("version", vs.get(0));
    });
    return doc;
  }

  /** The APIResourceList of one group-version, or null when nothing is served there. */
  public static ObjectNode resources(List<ApiResource> all, String group, String version) {
    List<ApiResource> served = all.stream().filter(r -> r.group().equals(group) && r.version().equals(version)).toList();
    if (served.isEmpty()) {
      return null;
    }
    ObjectNode doc = NODES.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", served.get(0).groupVersion());
    ArrayNode list = doc.putArray("resources");
    for (ApiResource r : served) {
      ObjectNode entry = list.addObject().put("name", r.plural()).put("singularName", r.singular())
          .put("namespaced", r.namespaced()).put("kind", r.kind());
      ArrayNode verbs = entry.putArray("verbs");
      VERBS.forEach(verbs::add);
      if (!r.shortNames().isEmpty()) {
        ArrayNode shortNames = entry.putArray("shortNames");
        r.shortNames().forEach(shortNames::add);
      }
      if (r.statusSubresource()) {
        ObjectNode status = list.addObject().put("name", r.plural() + "/status").put("singularName", "")
            .put("namespaced", r.namespaced()).put("kind", r.kind());
        status.putArray("verbs").add("get").add("patch").add("update");
      }
    }
    return doc;
  }
}
