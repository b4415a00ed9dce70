package dev.wfrun.core.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The headers a provider sends with a push: event, delivery id and signature, as the provider makes
 * them ({@link GitProvider#pushHeaders}). What {@code wfrun sign} prints and what
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
    headers.putAll(provider.pushHeaders(secret, body, delivery));
    return headers;
  }
}
