package dev.wfrun.core.webhook.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.commitstatus.CommitStatusClient;
import dev.wfrun.core.commitstatus.GitLabCommitStatusClient;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.GitRefs;
import dev.wfrun.core.webhook.PushEvent;
import dev.wfrun.core.webhook.WebhookHeaders;
import dev.wfrun.core.webhook.WebhookSignatures;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GitLab: {@code X-Gitlab-Token} (the secret itself), {@code X-Gitlab-Event: Push Hook}, the delivery id
 * from {@code Idempotency-Key} or {@code X-Gitlab-Event-UUID}. A push that lists fewer commits than
 * {@code total_commits_count} has incomplete paths (GitLab caps the list at 20).
 */
public final class GitLabProvider implements GitProvider {
  static final String TOKEN = "X-Gitlab-Token";

  @Override
  public String id() {
    return "gitlab";
  }

  @Override
  public boolean detects(WebhookHeaders headers) {
    return !headers.get(TOKEN).isEmpty();
  }

  @Override
  public String signatureHeader() {
    return TOKEN;
  }

  @Override
  public boolean verify(WebhookHeaders headers, byte[] rawBody, List<String> secrets) {
    return WebhookSignatures.verifyToken(headers.get(TOKEN), secrets);
  }

  @Override
  public List<PushEvent> parse(WebhookHeaders headers, JsonNode body) {
    String event = headers.get("X-Gitlab-Event");
    String delivery = headers.get("Idempotency-Key").isEmpty() ? headers.get("X-Gitlab-Event-UUID")
        : headers.get("Idempotency-Key");
    String url = body.path("project").path("git_http_url").asText("");
    String objectKind = body.path("object_kind").asText("");
    if (event.equals("Tag Push Hook") || objectKind.equals("tag_push")) {
      return List.of(PushEvent.ignored(this, PushEvent.Kind.TAG_PUSH, url, delivery));
    }
    if ((!event.isEmpty() && !event.equals("Push Hook")) || (!objectKind.isEmpty() && !objectKind.equals("push"))) {
      return List.of(PushEvent.ignored(this, PushEvent.Kind.OTHER, url, delivery));
    }
    String ref = body.path("ref").asText("");
    String after = body.path("after").asText("");
    PushEvent.Kind kind = GitRefs.classify(ref, after, false);
    Set<String> paths = new LinkedHashSet<>();
    JsonNode commits = body.path("commits");
    commits.forEach(c -> GitRefs.addPaths(c, paths));
    boolean complete = !body.has("total_commits_count") || body.path("total_commits_count").asInt() <= commits.size();
    String message = "";
    for (JsonNode c : commits) {
      if (after.equals(c.path("id").asText())) {
        message = c.path("message").asText("");
      }
    }
    return List.of(new PushEvent(this, kind, url, GitRefs.branch(ref), after, paths, complete, message,
        body.path("user_username").asText(""), delivery));
  }

  @Override
  public Map<String, String> pushHeaders(String secret, byte[] body, String delivery) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Gitlab-Event", "Push Hook");
    headers.put("X-Gitlab-Event-UUID", delivery);
    headers.put(TOKEN, secret);
    return headers;
  }

  @Override
  public boolean hosts(String host) {
    return GitProviders.isOrUnder(host, "gitlab.com");
  }

  @Override
  public Optional<String> defaultApiUrl() {
    return Optional.of("https://gitlab.com/api/v4");
  }

  @Override
  public Optional<CommitStatusClient> commitStatusClient(String apiUrl, String token) {
    return Optional.of(new GitLabCommitStatusClient(apiUrl, token));
  }

  @Override
  public String toString() {
    return id();
  }
}
