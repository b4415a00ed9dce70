package dev.wfrun.core.tunnel;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cluster gateway's proxy path, as upstream serves it:
 * {@code /api/proxy/{planeType}/{planeID}/{crNamespace | _cluster}/{crName}/{target}/{kubernetes path...}},
 * with upstream's refusals: {@code ..} or NUL in the path, an unknown target, and the denylist
 * (Secrets in kube-system, ServiceAccount token requests).
 */
public record ProxyPath(String planeType, String planeId, PlaneKey plane, String target, String path) {
  public static final String PREFIX = "/api/proxy/";
  private static final java.util.Set<String> PLANE_TYPES = java.util.Set.of("dataplane", "workflowplane",
      "observabilityplane");
  private static final java.util.Set<String> TARGETS = java.util.Set.of("k8s", "monitoring", "logs");
  private static final Pattern DENIED = Pattern.compile(
      "^/api/v1/namespaces/kube-system/secrets(/.*)?$|^/api/v1/namespaces/[^/]+/serviceaccounts/[^/]+/token$");

  /** The parsed path, or why it is refused (HTTP 400 or 403 with the message). */
  public sealed interface Parsed permits Ok, Refused {}

  public record Ok(ProxyPath path) implements Parsed {}

  public record Refused(int status, String message) implements Parsed {}

  public static Parsed parse(String rawPath) {
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (rawPath.contains("..") || rawPath.indexOf('\0') >= 0 || lower.contains("%00") || lower.contains("%2e%2e")
        || lower.contains("%2f")) {
      return new Refused(400, "invalid path");
    }
    if (!rawPath.startsWith(PREFIX)) {
      return new Refused(404, "not a proxy path");
    }
    String[] parts = rawPath.substring(PREFIX.length()).split("/", 6);
    if (parts.length < 6 || parts[5].isEmpty()) {
      return new Refused(400, "expected /api/proxy/{planeType}/{planeID}/{crNamespace|_cluster}/{crName}/{target}/{path}");
    }
    if (!PLANE_TYPES.contains(parts[0])) {
      return new Refused(400, "unknown plane type \"" + parts[0] + "\"");
    }
    if (!TARGETS.contains(parts[4])) {
      return new Refused(400, "unknown target \"" + parts[4] + "\"");
    }
    String path = "/" + parts[5];
    if (DENIED.matcher(path).matches()) {
      return new Refused(403, "path is denied through the proxy");
    }
    PlaneKey plane = new PlaneKey(parts[2].equals("_cluster") ? "" : parts[2], parts[3]);
    return new Ok(new ProxyPath(parts[0], parts[1], plane, parts[4], path));
  }

  /** The prefix a client's master URL takes to reach a plane's API through the gateway. */
  public static String prefixFor(String planeType, String planeId, PlaneKey plane) {
    return PREFIX + planeType + "/" + planeId + "/" + (plane.namespace().isEmpty() ? "_cluster" : plane.namespace())
        + "/" + plane.name() + "/k8s";
  }
}
