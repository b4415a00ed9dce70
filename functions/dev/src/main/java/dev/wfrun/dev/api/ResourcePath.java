package dev.wfrun.dev.api;

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
    dev.wfrun.apiserver.RequestAttributes a = dev.wfrun.apiserver.RequestAttributes.of("GET", path);
    if (!a.resourceRequest() || a.resource().isEmpty() || a.subresource().contains("/")) {
      return Optional.empty();
    }
    boolean namespaceItself = a.resource().equals("namespaces");
    return Optional.of(new ResourcePath(a.apiGroup(), a.apiVersion(),
        namespaceItself || a.namespace().isEmpty() ? null : a.namespace(), a.resource(),
        a.name().isEmpty() ? null : a.name(), a.subresource().isEmpty() ? null : a.subresource()));
  }

  public boolean collection() {
    return name == null;
  }
}
