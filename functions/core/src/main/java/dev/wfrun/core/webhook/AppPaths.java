package dev.wfrun.core.webhook;

import java.util.Collection;

/**
 * Whether a push touches a component's {@code appPath}: a changed file at or below it, on path
 * segment boundaries ({@code svc} matches {@code svc/main.go}, not {@code svc2/main.go}). An
 * appPath of "", "." or "/" means the whole repository (upstream never matches ".").
 */
public final class AppPaths {
  private AppPaths() {}

  public static boolean touches(String appPath, Collection<String> changedPaths) {
    String root = trim(appPath == null ? "" : appPath.trim());
    if (root.isEmpty() || root.equals(".")) {
      return true;
    }
    for (String path : changedPaths) {
      String p = trim(path);
      if (p.equals(root) || p.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String trim(String path) {
    String p = path;
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
