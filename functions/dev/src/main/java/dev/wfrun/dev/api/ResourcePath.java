package dev.wfrun.dev.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed resource URL: {@code /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUB]]} or
 * {@code /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME[/SUB]]}.
 *
 * @param namespace null for cluster-wide requests
 * @param name null for collections
 * @param subresource null for the main resource
 */
public record ResourcePath(String group, String version, String namespace, String plural, String name,
    String subresource) {

  public static Optional<ResourcePath> parse(String rawPath) {
    String path = rawPath.contains("?") ? rawPath.substring(0, rawPath.indexOf('?')) : rawPath;
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
      return Optional.empty();
    }
    String namespace = null;
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.isEmpty() || rest.size() > 3) {
      return Optional.empty();
    }
    return Optional.of(new ResourcePath(group, version, namespace, rest.get(0),
        rest.size() > 1 ? rest.get(1) : null, rest.size() > 2 ? rest.get(2) : null));
  }

  public boolean collection() {
    return name == null;
  }
}
