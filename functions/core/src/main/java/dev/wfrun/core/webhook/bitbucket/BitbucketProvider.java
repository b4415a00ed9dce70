package dev.wfrun.core.webhook.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.commitstatus.CommitStatusClient;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.PushEvent;
import dev.wfrun.core.webhook.WebhookHeaders;
import dev.wfrun.core.webhook.WebhookSignatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bitbucket Cloud: {@code X-Hub-Signature} ({@code sha256=} + hex HMAC-SHA256), {@code X-Event-Key:
 * repo:push}, {@code X-Request-UUID}. A push builds the pushed head of each change
 * ({@code push.changes[].new.target.hash}), not the oldest commit listed as upstream does; a push of
 * several branches builds each, the delivery id of each being {@code <id>#<branch>} so their runs are
 * named apart and a redelivery names the same runs. No commit status (its build-status API is not
 * supported yet).
 */
public final class BitbucketProvider implements GitProvider {
  static final String SIGNATURE = "X-Hub-Signature";
  static final String EVENT = "X-Event-Key";
  /** At most this many branches are read from one delivery. */
  public static final int MAX_CHANGES = 100;

  @Override
  public String id() {
    return "bitbucket";
  }

  @Override
  public boolean detects(WebhookHeaders headers) {
    return !headers.get(EVENT).isEmpty();
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
    String delivery = headers.get("X-Request-UUID");
    String url = body.path("repository").path("links").path("html").path("href").asText("");
    if (!"repo:push".equals(headers.get(EVENT))) {
      return List.of(PushEvent.ignored(this, PushEvent.Kind.OTHER, url, delivery));
    }
    JsonNode changes = body.path("push").path("changes");
    if (!changes.isArray() || changes.isEmpty()) {
      throw new IllegalArgumentException("no changes in Bitbucket push event");
    }
    if (changes.size() > MAX_CHANGES) {
      throw new IllegalArgumentException("more than " + MAX_CHANGES + " changes in one Bitbucket push event");
    }
    List<PushEvent> events = new ArrayList<>();
    for (JsonNode change : changes) {
      PushEvent event = change(body, change, delivery);
      if (changes.size() > 1 && !delivery.isEmpty()) {
        event = new PushEvent(event.provider(), event.kind(), event.repositoryUrl(), event.branch(), event.commit(),
            event.changedPaths(), event.pathsComplete(), event.headCommitMessage(), event.pusher(),
            delivery + "#" + event.branch());
      }
      events.add(event);
    }
    return List.copyOf(events);
  }

  private PushEvent change(JsonNode body, JsonNode change, String delivery) {
    String url = body.path("repository").path("links").path("html").path("href").asText("");
    JsonNode pushed = change.path("new");
    String pusher = body.path("actor").path("nickname").asText(body.path("actor").path("display_name").asText(""));
    if (pushed.isMissingNode() || pushed.isNull()) {
      return new PushEvent(this, PushEvent.Kind.BRANCH_DELETE, url, change.path("old").path("name").asText(""), "",
          Set.of(), false, "", pusher, delivery);
    }
    PushEvent.Kind kind = "tag".equals(pushed.path("type").asText()) ? PushEvent.Kind.TAG_PUSH : PushEvent.Kind.BRANCH_PUSH;
    JsonNode target = pushed.path("target");
    return new PushEvent(this, kind, url, pushed.path("name").asText(""), target.path("hash").asText(""), Set.of(),
        false, target.path("message").asText(""), pusher, delivery);
  }

  @Override
  public Map<String, String> pushHeaders(String secret, byte[] body, String delivery) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(EVENT, "repo:push");
    headers.put("X-Request-UUID", delivery);
    headers.put(SIGNATURE, "sha256=" + WebhookSignatures.hmacHex(secret, body));
    return headers;
  }

  @Override
  public boolean hosts(String host) {
    return GitProviders.isOrUnder(host, "bitbucket.org");
  }

  @Override
  public Optional<String> defaultApiUrl() {
    return Optional.empty();
  }

  @Override
  public Optional<CommitStatusClient> commitStatusClient(String apiUrl, String token) {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id();
  }
}
