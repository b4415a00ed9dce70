package dev.wfrun.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RBAC authoriser over the Roles, ClusterRoles, RoleBindings and ClusterRoleBindings stored in
 * the API (kept current from every successful write of them): a ClusterRoleBinding grants its
 * ClusterRole everywhere, a RoleBinding grants its Role or ClusterRole in its own namespace only.
 * Members of {@code system:masters} may do anything; every authenticated identity may read the
 * discovery paths, as the built-in {@code system:discovery} role allows.
 */
final class RbacPolicy {
  private static final List<String> DISCOVERY = List.of("/api", "/apis", "/version", "/openapi", "/healthz",
      "/livez", "/readyz");

  private record Binding(String namespace, String roleKind, String roleName, List<JsonNode> subjects) {}

  private final Map<String, List<RbacRule>> clusterRoles = new ConcurrentHashMap<>();
  private final Map<String, List<RbacRule>> roles = new ConcurrentHashMap<>(); // ns/name
  private final Map<String, Binding> bindings = new ConcurrentHashMap<>(); // kind/ns/name

  boolean allows(Identity who, RequestAttributes request) {
    if (who.isMaster()) {
      return true;
    }
    if (!request.resourceRequest() && request.verb().equals("get")
        && DISCOVERY.stream().anyMatch(p -> request.path().equals(p) || request.path().startsWith(p + "/"))) {
      return true;
    }
    for (Binding binding : bindings.values()) {
      if (binding.namespace() != null && !binding.namespace().equals(request.namespace())) {
        continue;
      }
      if (binding.subjects().stream().noneMatch(s -> subjectMatches(s, who, binding.namespace()))) {
        continue;
      }
      if (rulesOf(binding.roleKind(), binding.namespace(), binding.roleName()).orElse(List.of()).stream()
          .anyMatch(r -> r.matches(request))) {
        return true;
      }
    }
    return false;
  }

  /** The rules of a role a binding refers to (empty when it does not exist). */
  Optional<List<RbacRule>> rulesOf(String kind, String namespace, String name) {
    return "ClusterRole".equals(kind) ? Optional.ofNullable(clusterRoles.get(name))
        : Optional.ofNullable(roles.get(namespace + "/" + name));
  }

  /**
   * What in the rules this identity does not hold itself (a real API server's escalation check:
   * nobody grants a permission they lack). Empty when every rule is covered.
   */
  List<String> notHeld(Identity who, List<RbacRule> rules, String namespace) {
    List<String> missing = new ArrayList<>();
    for (RbacRule rule : rules) {
      if (!rule.nonResourceUrls().isEmpty()) {
        if (!who.isMaster()) {
          missing.add(rule.toString());
        }
        continue;
      }
      List<String> names = rule.resourceNames().isEmpty() ? List.of("") : rule.resourceNames();
      boolean held = true;
      for (String group : rule.apiGroups()) {
        for (String resource : rule.resources()) {
          int slash = resource.indexOf('/');
          String main = slash < 0 ? resource : resource.substring(0, slash);
          String sub = slash < 0 ? "" : resource.substring(slash + 1);
          for (String verb : rule.verbs()) {
            for (String name : names) {
              held &= allows(who, new RequestAttributes(true, verb, group, "", main, sub, namespace, name, ""));
            }
          }
        }
      }
      if (!held) {
        missing.add(rule.toString());
      }
    }
    return missing;
  }

  /** Takes in a stored RBAC object after a successful create, update or patch. */
  void stored(String resource, JsonNode object) {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText();
    String namespace = metadata.path("namespace").asText("");
    switch (resource) {
      case "clusterroles" -> clusterRoles.put(name, RbacRule.of(object));
      case "roles" -> roles.put(namespace + "/" + name, RbacRule.of(object));
      case "clusterrolebindings", "rolebindings" -> {
        List<JsonNode> subjects = new ArrayList<>();
        object.path("subjects").forEach(subjects::add);
        JsonNode ref = object.path("roleRef");
        bindings.put(resource + "/" + namespace + "/" + name, new Binding(
            resource.equals("rolebindings") ? namespace : null, ref.path("kind").asText(), ref.path("name").asText(),
            subjects));
      }
      default -> { }
    }
  }

  /** Forgets a deleted RBAC object (a collection delete forgets the whole namespace's). */
  void deleted(String resource, String namespace, String name) {
    switch (resource) {
      case "clusterroles" -> forget(clusterRoles, "", name);
      case "roles" -> forget(roles, namespace + "/", name);
      case "clusterrolebindings", "rolebindings" -> forget(bindings, resource + "/" + namespace + "/", name);
      default -> { }
    }
  }

  private static void forget(Map<String, ?> map, String prefix, String name) {
    if (name.isEmpty()) {
      map.keySet().removeIf(k -> k.startsWith(prefix));
    } else {
      map.remove(prefix + name);
    }
  }

  private static boolean subjectMatches(JsonNode subject, Identity who, String bindingNamespace) {
    String kind = subject.path("kind").asText();
    String name = subject.path("name").asText();
    return switch (kind) {
      case "ServiceAccount" -> {
        String ns = subject.path("namespace").asText(bindingNamespace == null ? "" : bindingNamespace);
        yield who.user().equals("system:serviceaccount:" + ns + ":" + name);
      }
      case "User" -> who.user().equals(name);
      case "Group" -> who.groups().contains(name);
      default -> false;
    };
  }
}
