package dev.wfrun.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a request asks for, in the terms RBAC decides on (a real API server's RequestInfo): the
 * verb, API group, resource, subresource, namespace and name, or a non-resource path.
 *
 * @param namespace empty for cluster-wide requests
 * @param name empty for collections (for list and watch: the {@code metadata.name} field selector)
 */
public record RequestAttributes(boolean resourceRequest, String verb, String apiGroup, String apiVersion,
    String resource, String subresource, String namespace, String name, String path) {

  /** Parses a request; the path is raw (still percent-encoded) and may carry a query. */
  public static RequestAttributes of(String method, String rawPathAndQuery) {
    int q = rawPathAndQuery.indexOf('?');
    String path = q < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, q);
    Map<String, String> query = Query.parse(q < 0 ? "" : rawPathAndQuery.substring(q + 1));
    List<String> s = Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toList();
    String group;
    String version;
    List<String> rest;
    if (s.size() >= 3 && s.get(0).equals("api")) {
      group = "";
      version = s.get(1);
      rest = s.subList(2, s.size());
    } else if (s.size() >= 4 && s.get(0).equals("apis")) {
      group = s.get(1);
      version = s.get(2);
      rest = s.subList(3, s.size());
    } else {
      return new RequestAttributes(false, method.toLowerCase(java.util.Locale.ROOT), "", "", "", "", "", "", path);
    }
    boolean watchPath = !rest.isEmpty() && rest.get(0).equals("watch");
    if (watchPath) {
      rest = rest.subList(1, rest.size());
    }
    String namespace = "";
    boolean namespaceSubresource = rest.size() == 3 && rest.get(0).equals("namespaces")
        && (rest.get(2).equals("status") || rest.get(2).equals("finalize"));
    if (rest.size() >= 3 && rest.get(0).equals("namespaces") && !namespaceSubresource) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.isEmpty() ? "" : rest.get(0);
    String name = rest.size() > 1 ? rest.get(1) : "";
    String subresource = rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : "";
    if (namespace.isEmpty() && resource.equals("namespaces") && !name.isEmpty()) {
      namespace = name; // a namespace is addressed within itself, as RBAC sees it
    }
    boolean collection = name.isEmpty();
    String verb = switch (method) {
      case "GET", "HEAD" -> watchPath || "true".equals(query.get("watch")) || "1".equals(query.get("watch"))
          ? "watch" : collection ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> collection ? "deletecollection" : "delete";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
    if (collection && (verb.equals("list") || verb.equals("watch"))) {
      name = fieldSelectorName(query.get("fieldSelector")).orElse("");
    }
    return new RequestAttributes(true, verb, group, version, resource, subresource, namespace, name, path);
  }

  private static Optional<String> fieldSelectorName(String selector) {
    if (selector == null) {
      return Optional.empty();
    }
    for (String term : selector.split(",")) {
      String t = term.trim();
      if (t.startsWith("metadata.name=") && !t.startsWith("metadata.name!=")) {
        return Optional.of(t.substring("metadata.name=".length()).replaceFirst("^=", ""));
      }
    }
    return Optional.empty();
  }

  /** {@code resource/subresource}, the form RBAC rules name. */
  public String combinedResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  /** How a real API server words a refusal of this request. */
  public String forbiddenMessage(Identity who) {
    if (!resourceRequest) {
      return "forbidden: User \"" + who.user() + "\" cannot " + verb + " path \"" + path + "\"";
    }
    String what = (resource + (apiGroup.isEmpty() ? "" : "." + apiGroup))
        + (name.isEmpty() ? "" : " \"" + name + "\"");
    String scope = namespace.isEmpty() ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
    return what + " is forbidden: User \"" + who.user() + "\" cannot " + verb + " resource \"" + combinedResource()
        + "\" in API group \"" + apiGroup + "\" " + scope;
  }

  /** The query string as decoded pairs (the last value of a repeated key wins). */
  static final class Query {
    private Query() {}

    static Map<String, String> parse(String raw) {
      Map<String, String> out = new java.util.HashMap<>();
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEscape) {
          out.put(k, v);
        }
      }
      return out;
    }
  }
}
