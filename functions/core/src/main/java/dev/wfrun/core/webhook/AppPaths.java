package dev.wfrun.core.webhook;

import java.util.Collection;

/**
 * Whether a push touches a component's {@code appPath}: a changed file at or below it, on path
 * segment boundaries ({@code svc} matches {@code svc/main.go}, not {@code svc2/main.go}). An
 * appPath of "", "." or "/" means the whole repository (upstream never matches ".").
 */
public final class AppPaths {
  private AppPaths() {}

  /** Longer paths cannot be files in a repository checkout; they are ignored. */
  public static final int MAX_PATH_LENGTH = 4096;

  public static boolean touches(String appPath, Collection<String> changedPaths) {
    String root = trim(appPath == null ? "" : appPath.trim());
    if (root.isEmpty() || root.equals(".")) {
      return true;
    }
    for (String path : changedPaths) {
      if (path.length() > MAX_PATH_LENGTH) {
        continue;
      }
      String p = trim(path);
      if (p.equals(root) || p.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Leading {@code ./} and {@code /}, trailing {@code /} removed, in one linear pass. */
  static String trim(String path) {
    int start = 0;
    int end = path.length();
    while (start + 1 < end && path.charAt(start) == '.' && path.charAt(start + 1) == '/') {
      start += 2;
    }
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }
}
