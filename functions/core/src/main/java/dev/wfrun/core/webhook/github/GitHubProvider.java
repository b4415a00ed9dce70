package dev.wfrun.core.webhook.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.commitstatus.CommitStatusClient;
import dev.wfrun.core.commitstatus.GitHubCommitStatusClient;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.GitRefs;
import dev.wfrun.core.webhook.PushEvent;
import dev.wfrun.core.webhook.WebhookHeaders;
import dev.wfrun.core.webhook.WebhookSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub (and GitHub Enterprise): {@code X-Hub-Signature-256} ({@code sha256=} + hex HMAC-SHA256 of
 * the raw body), {@code X-GitHub-Event}, {@code X-GitHub-Delivery}. Unlike upstream, a ping, a tag push
 * and a branch deletion are told apart from a branch push.
 */
public final class GitHubProvider implements GitProvider {
  static final String SIGNATURE = "X-Hub-Signature-256";

  @Override
  public String id() {
    return "github";
  }

  @Override
  public boolean detects(WebhookHeaders headers) {
    return !headers.get(SIGNATURE).isEmpty();
  }

  @Override
  public String signatureHeader() {
    return SIGNATURE;
  }

  @Override
  public boolean verify(WebhookHeaders headers, byte[] rawBody, List<String> secrets) {
    return WebhookSignatures.verifyHmac(rawBody, headers.get(SIGNATURE), secrets);
  }

  @Override
  public List<PushEvent> parse(WebhookHeaders headers, JsonNode body) {
    return List.of(parseOne(this, headers.get("X-GitHub-Event"), headers.get("X-GitHub-Delivery"), body));
  }

  /**
   * A GitHub-shaped push (GitHub's, and the payload Gitea and Forgejo send): {@code ref}, {@code after},
   * {@code deleted}, {@code commits[].added|modified|removed}, {@code head_commit}, {@code pusher}.
   */
  public static PushEvent parseOne(GitProvider provider, String event, String delivery, JsonNode body) {
    String url = body.path("repository").path("clone_url").asText("");
    if (event.equals("ping") || (event.isEmpty() && body.has("zen") && body.has("hook_id"))) {
      return PushEvent.ignored(provider, PushEvent.Kind.PING, url, delivery);
    }
    if (!event.isEmpty() && !event.equals("push")) {
      return PushEvent.ignored(provider, PushEvent.Kind.OTHER, url, delivery);
    }
    String ref = body.path("ref").asText("");
    String after = body.path("after").asText("");
    PushEvent.Kind kind = GitRefs.classify(ref, after, body.path("deleted").asBoolean(false));
    Set<String> paths = new LinkedHashSet<>();
    body.path("commits").forEach(c -> GitRefs.addPaths(c, paths));
    return new PushEvent(provider, kind, url, GitRefs.branch(ref), after, paths, true,
        body.path("head_commit").path("message").asText(""),
        body.path("pusher").path("name").asText(body.path("pusher").path("login").asText(
            body.path("sender").path("login").asText(""))), delivery);
  }

  @Override
  public Map<String, String> pushHeaders(String secret, byte[] body, String delivery) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-GitHub-Event", "push");
    headers.put("X-GitHub-Delivery", delivery);
    headers.put(SIGNATURE, "sha256=" + WebhookSignatures.hmacHex(secret, body));
    return headers;
  }

  @Override
  public boolean hosts(String host) {
    return GitProviders.isOrUnder(host, "github.com");
  }

  @Override
  public Optional<String> defaultApiUrl() {
    return Optional.of("https://api.github.com");
  }

  @Override
  public Optional<CommitStatusClient> commitStatusClient(String apiUrl, String token) {
    try {
      return Optional.of(new GitHubCommitStatusClient(apiUrl, token));
    } catch (IOException e) {
      throw new UncheckedIOException("GitHub client for " + apiUrl + " could not be built: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return id();
  }
}
