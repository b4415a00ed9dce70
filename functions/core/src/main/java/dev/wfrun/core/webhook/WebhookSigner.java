package dev.wfrun.core.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The headers a provider sends with a push: event, delivery id and signature (GitHub and Bitbucket:
 * HMAC-SHA256 of the body; GitLab: the secret token). What {@code wfrun sign} prints and what
 * {@code wfrun dev --demo} sends; {@link WebhookSignatures} verifies the same headers.
 */
public final class WebhookSigner {
  private WebhookSigner() {}

  public static Map<String, String> pushHeaders(GitProvider provider, String secret, byte[] body) {
    return pushHeaders(provider, secret, body, UUID.randomUUID().toString());
  }

  public static Map<String, String> pushHeaders(GitProvider provider, String secret, byte[] body, String delivery) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("--secret: required, must not be empty");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    switch (provider) {
      case GITHUB -> {
        headers.put("X-GitHub-Event", "push");
        headers.put("X-GitHub-Delivery", delivery);
        headers.put("X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(secret, body));
      }
      case GITLAB -> {
        headers.put("X-Gitlab-Event", "Push Hook");
        headers.put("X-Gitlab-Event-UUID", delivery);
        headers.put("X-Gitlab-Token", secret);
      }
      case BITBUCKET -> {
        headers.put("X-Event-Key", "repo:push");
        headers.put("X-Request-UUID", delivery);
        headers.put("X-Hub-Signature", "sha256=" + WebhookSignatures.hmacHex(secret, body));
      }
      default -> throw new IllegalStateException(provider.toString());
    }
    return headers;
  }
}
