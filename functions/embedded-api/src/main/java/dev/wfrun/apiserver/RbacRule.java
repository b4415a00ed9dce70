package dev.wfrun.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One PolicyRule of a Role or ClusterRole, matched as the RBAC authoriser matches it. */
record RbacRule(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> resourceNames,
    List<String> nonResourceUrls) {

  static List<RbacRule> of(JsonNode role) {
    List<RbacRule> rules = new ArrayList<>();
    for (JsonNode r : role.path("rules")) {
      rules.add(new RbacRule(strings(r.path("apiGroups")), strings(r.path("resources")), strings(r.path("verbs")),
          strings(r.path("resourceNames")), strings(r.path("nonResourceURLs"))));
    }
    return rules;
  }

  boolean matches(RequestAttributes request) {
    if (!has(verbs, request.verb())) {
      return false;
    }
    if (!request.resourceRequest()) {
      return nonResourceUrls.stream().anyMatch(u -> u.equals(request.path())
          || (u.endsWith("*") && request.path().startsWith(u.substring(0, u.length() - 1))));
    }
    return has(apiGroups, request.apiGroup()) && resourceMatches(request)
        && (resourceNames.isEmpty() || resourceNames.contains(request.name()));
  }

  private boolean resourceMatches(RequestAttributes request) {
    String combined = request.combinedResource();
    for (String r : resources) {
      if (r.equals("*") || r.equals(combined)
          || (!request.subresource().isEmpty() && r.equals("*/" + request.subresource()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(List<String> values, String value) {
    return values.contains("*") || values.contains(value);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "{APIGroups:" + apiGroups + ", Resources:" + resources + (resourceNames.isEmpty() ? ""
        : ", ResourceNames:" + resourceNames) + ", Verbs:" + verbs + "}";
  }
}
