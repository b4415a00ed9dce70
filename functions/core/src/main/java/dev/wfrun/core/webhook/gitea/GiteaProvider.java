package dev.wfrun.core.webhook.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.commitstatus.CommitStatusClient;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.PushEvent;
import dev.wfrun.core.webhook.WebhookHeaders;
import dev.wfrun.core.webhook.WebhookSignatures;
import dev.wfrun.core.webhook.github.GitHubProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gitea and Forgejo, self-hosted: {@code X-Gitea-Event: push} (Forgejo: {@code X-Forgejo-Event}),
 * {@code X-Gitea-Delivery}, and the lowercase hex HMAC-SHA256 of the raw body, without a prefix, in
 * {@code X-Gitea-Signature} ({@code X-Forgejo-Signature}); the payload is shaped like GitHub's. Forgejo
 * also sends the {@code X-Gitea-*} headers, so it is detected first. No host is theirs (self-hosted):
 * a Component's repository URL never rules one out, and the commit-status API URL must be configured
 * ({@code POST /api/v1/repos/{owner}/{repo}/statuses/{sha}}).
 */
public final class GiteaProvider implements GitProvider {
  private final String id;
  private final String prefix;

  private GiteaProvider(String id, String prefix) {
    this.id = id;
    this.prefix = prefix;
  }

  public static GiteaProvider gitea() {
    return new GiteaProvider("gitea", "X-Gitea-");
  }

  public static GiteaProvider forgejo() {
    return new GiteaProvider("forgejo", "X-Forgejo-");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean detects(WebhookHeaders headers) {
    return !headers.get(prefix + "Event").isEmpty();
  }

  @Override
  public String signatureHeader() {
    return prefix + "Signature";
  }

  @Override
  public boolean verify(WebhookHeaders headers, byte[] rawBody, List<String> secrets) {
    return WebhookSignatures.verifyHexHmac(rawBody, headers.get(signatureHeader()), secrets);
  }

  @Override
  public List<PushEvent> parse(WebhookHeaders headers, JsonNode body) {
    String event = headers.get(prefix + "Event");
    return List.of(GitHubProvider.parseOne(this, event.isEmpty() ? "push" : event, headers.get(prefix + "Delivery"),
        body));
  }

  @Override
  public Map<String, String> pushHeaders(String secret, byte[] body, String delivery) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(prefix + "Event", "push");
    headers.put(prefix + "Event-Type", "push");
    headers.put(prefix + "Delivery", delivery);
    headers.put(signatureHeader(), WebhookSignatures.hmacHex(secret, body));
    return headers;
  }

  @Override
  public boolean hosts(String host) {
    return false;
  }

  @Override
  public Optional<String> defaultApiUrl() {
    return Optional.empty();
  }

  @Override
  public Optional<CommitStatusClient> commitStatusClient(String apiUrl, String token) {
    return Optional.of(new GiteaCommitStatusClient(apiUrl, token));
  }

  @Override
  public String toString() {
    return id;
  }
}
