package dev.wfrun.core.webhook;

import java.util.Locale;
import java.util.Optional;

/** The git hosting services whose push webhooks start builds. */
public enum GitProvider {
  GITHUB,
  GITLAB,
  BITBUCKET;

  /** The lowercase id used in URLs ({@code /autobuild/github}) and metrics. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<GitProvider> fromId(String id) {
    for (GitProvider p : values()) {
      if (p.id().equals(id)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Upstream's detection from the request headers, first match wins (an empty value counts as
   * absent): {@code X-Hub-Signature-256} GitHub, {@code X-Gitlab-Token} GitLab, {@code X-Event-Key}
   * Bitbucket.
   */
  public static Optional<GitProvider> detect(WebhookHeaders headers) {
    if (!headers.get("X-Hub-Signature-256").isEmpty()) {
      return Optional.of(GITHUB);
    }
    if (!headers.get("X-Gitlab-Token").isEmpty()) {
      return Optional.of(GITLAB);
    }
    if (!headers.get("X-Event-Key").isEmpty()) {
      return Optional.of(BITBUCKET);
    }
    return Optional.empty();
  }
}
