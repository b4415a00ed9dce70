package dev.wfrun.core.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repository URLs in one comparable form: {@code git@host:org/repo.git},
 * {@code ssh://git@host/org/repo}, {@code https://Host/org/repo.git/} and
 * {@code https://host/org/repo} are all {@code https://host/org/repo}. Beyond upstream (which
 * leaves {@code ssh://git@host/...} and a {@code .git/} ending unmatched), every common form of the
 * same repository compares equal.
 */
public final class RepositoryUrls {
  private static final Pattern SCP = Pattern.compile("^(?:[\\w.-]+@)?([^:/]+):(?!//)(.+)$");
  private static final Pattern SSH_OR_GIT_SCHEME = Pattern.compile("^(ssh|git)://([^@/]*@)?");

  /** Longer URLs are refused before any parsing (browsers and git hosts stop far below this). */
  public static final int MAX_LENGTH = 2048;

  private RepositoryUrls() {}

  /**
   * The comparable form, in time linear in the URL's length; a URL over {@value #MAX_LENGTH}
   * characters normalises to "" (it matches nothing).
   */
  public static String normalize(String url) {
    if (url == null || url.length() > MAX_LENGTH) {
      return "";
    }
    String u = url.trim();
    if (u.startsWith("git+ssh://")) {
      u = u.substring("git+".length());
    }
    if (u.startsWith("ssh://") || u.startsWith("git://")) {
      try {
        URI parsed = URI.create(u);
        u = "https://" + parsed.getHost() + parsed.getPath();
      } catch (IllegalArgumentException notAUri) {
        u = SSH_OR_GIT_SCHEME.matcher(u).replaceFirst("https://");
      }
    } else {
      if (!u.contains("://")) {
        Matcher scp = SCP.matcher(u);
        if (scp.matches()) {
          u = "https://" + scp.group(1) + "/" + scp.group(2);
        }
      }
    }
    if (u.startsWith("http://")) {
      u = "https://" + u.substring("http://".length());
    }
    int end = u.length();
    while (end > 0 && u.charAt(end - 1) == '/') {
      end--;
    }
    u = u.substring(0, end);
    if (u.endsWith(".git")) {
      u = u.substring(0, u.length() - 4);
    }
    return u.toLowerCase(Locale.ROOT);
  }
}
