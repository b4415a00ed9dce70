package dev.wfrun.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a verified delivery into a {@link PushEvent}. Unlike upstream, a GitHub ping, a tag push
 * and a branch deletion are told apart from a branch push (upstream builds them all), and a
 * Bitbucket push builds the pushed head ({@code push.changes[].new.target.hash}), not the oldest
 * commit listed.
 */
public final class PushParser {
  private static final String ZEROS = "0000000000000000000000000000000000000000";
  private static final String HEADS = "refs/heads/";
  private static final String TAGS = "refs/tags/";

  private PushParser() {}

  /**
   * Every branch a delivery pushes: one event, but for Bitbucket one per change (a push of several
   * branches builds each). For several, the delivery id of each is {@code <id>#<branch>}, so their
   * runs are named apart and redeliveries still name the same runs.
   */
  public static java.util.List<PushEvent> parseAll(GitProvider provider, WebhookHeaders headers, JsonNode body) {
    if (provider != GitProvider.BITBUCKET || !"repo:push".equals(headers.get("X-Event-Key"))) {
      return java.util.List.of(parse(provider, headers, body));
    }
    JsonNode changes = body.path("push").path("changes");
    if (!changes.isArray() || changes.isEmpty()) {
      throw new IllegalArgumentException("no changes in Bitbucket push event");
    }
    if (changes.size() > MAX_CHANGES) {
      throw new IllegalArgumentException("more than " + MAX_CHANGES + " changes in one Bitbucket push event");
    }
    java.util.List<PushEvent> events = new java.util.ArrayList<>();
    String delivery = headers.get("X-Request-UUID");
    for (JsonNode change : changes) {
      PushEvent event = bitbucketChange(body, change, delivery);
      if (changes.size() > 1 && !delivery.isEmpty()) {
        event = new PushEvent(event.provider(), event.kind(), event.repositoryUrl(), event.branch(), event.commit(),
            event.changedPaths(), event.pathsComplete(), event.headCommitMessage(), event.pusher(),
            delivery + "#" + event.branch());
      }
      events.add(event);
    }
    return java.util.List.copyOf(events);
  }

  /** At most this many branches are read from one Bitbucket delivery. */
  static final int MAX_CHANGES = 100;

  public static PushEvent parse(GitProvider provider, WebhookHeaders headers, JsonNode body) {
    return switch (provider) {
      case GITHUB -> github(headers, body);
      case GITLAB -> gitlab(headers, body);
      case BITBUCKET -> bitbucket(headers, body);
    };
  }

  private static PushEvent github(WebhookHeaders headers, JsonNode body) {
    String event = headers.get("X-GitHub-Event");
    String delivery = headers.get("X-GitHub-Delivery");
    String url = body.path("repository").path("clone_url").asText("");
    if (event.equals("ping") || (event.isEmpty() && body.has("zen") && body.has("hook_id"))) {
      return ignored(GitProvider.GITHUB, PushEvent.Kind.PING, url, delivery);
    }
    if (!event.isEmpty() && !event.equals("push")) {
      return ignored(GitProvider.GITHUB, PushEvent.Kind.OTHER, url, delivery);
    }
    String ref = body.path("ref").asText("");
    String after = body.path("after").asText("");
    PushEvent.Kind kind = classify(ref, after, body.path("deleted").asBoolean(false));
    Set<String> paths = new LinkedHashSet<>();
    body.path("commits").forEach(c -> addPaths(c, paths));
    return new PushEvent(GitProvider.GITHUB, kind, url, branch(ref), after, paths, true,
        body.path("head_commit").path("message").asText(""),
        body.path("pusher").path("name").asText(body.path("sender").path("login").asText("")), delivery);
  }

  private static PushEvent gitlab(WebhookHeaders headers, JsonNode body) {
    String event = headers.get("X-Gitlab-Event");
    String delivery = firstNonEmpty(headers.get("Idempotency-Key"), headers.get("X-Gitlab-Event-UUID"));
    String url = body.path("project").path("git_http_url").asText("");
    String objectKind = body.path("object_kind").asText("");
    if (event.equals("Tag Push Hook") || objectKind.equals("tag_push")) {
      return ignored(GitProvider.GITLAB, PushEvent.Kind.TAG_PUSH, url, delivery);
    }
    if ((!event.isEmpty() && !event.equals("Push Hook")) || (!objectKind.isEmpty() && !objectKind.equals("push"))) {
      return ignored(GitProvider.GITLAB, PushEvent.Kind.OTHER, url, delivery);
    }
    String ref = body.path("ref").asText("");
    String after = body.path("after").asText("");
    PushEvent.Kind kind = classify(ref, after, false);
    Set<String> paths = new LinkedHashSet<>();
    JsonNode commits = body.path("commits");
    commits.forEach(c -> addPaths(c, paths));
    boolean complete = !body.has("total_commits_count") || body.path("total_commits_count").asInt() <= commits.size();
    String message = "";
    for (JsonNode c : commits) {
      if (after.equals(c.path("id").asText())) {
        message = c.path("message").asText("");
      }
    }
    return new PushEvent(GitProvider.GITLAB, kind, url, branch(ref), after, paths, complete, message,
        body.path("user_username").asText(""), delivery);
  }

  private static PushEvent bitbucket(WebhookHeaders headers, JsonNode body) {
    String event = headers.get("X-Event-Key");
    String delivery = headers.get("X-Request-UUID");
    String url = body.path("repository").path("links").path("html").path("href").asText("");
    if (!event.equals("repo:push")) {
      return ignored(GitProvider.BITBUCKET, PushEvent.Kind.OTHER, url, delivery);
    }
    JsonNode changes = body.path("push").path("changes");
    if (!changes.isArray() || changes.isEmpty()) {
      throw new IllegalArgumentException("no changes in Bitbucket push event");
    }
    return bitbucketChange(body, changes.get(changes.size() - 1), delivery);
  }

  private static PushEvent bitbucketChange(JsonNode body, JsonNode change, String delivery) {
    String url = body.path("repository").path("links").path("html").path("href").asText("");
    JsonNode pushed = change.path("new");
    String pusher = body.path("actor").path("nickname").asText(body.path("actor").path("display_name").asText(""));
    if (pushed.isMissingNode() || pushed.isNull()) {
      return new PushEvent(GitProvider.BITBUCKET, PushEvent.Kind.BRANCH_DELETE, url,
          change.path("old").path("name").asText(""), "", Set.of(), false, "", pusher, delivery);
    }
    PushEvent.Kind kind = "tag".equals(pushed.path("type").asText()) ? PushEvent.Kind.TAG_PUSH : PushEvent.Kind.BRANCH_PUSH;
    JsonNode target = pushed.path("target");
    return new PushEvent(GitProvider.BITBUCKET, kind, url, pushed.path("name").asText(""),
        target.path("hash").asText(""), Set.of(), false, target.path("message").asText(""), pusher, delivery);
  }

  private static PushEvent.Kind classify(String ref, String after, boolean deleted) {
    if (ref.startsWith(TAGS)) {
      return PushEvent.Kind.TAG_PUSH;
    }
    if (deleted || ZEROS.equals(after)) {
      return PushEvent.Kind.BRANCH_DELETE;
    }
    return ref.startsWith(HEADS) ? PushEvent.Kind.BRANCH_PUSH : PushEvent.Kind.OTHER;
  }

  private static String branch(String ref) {
    return ref.startsWith(HEADS) ? ref.substring(HEADS.length()) : ref;
  }

  private static void addPaths(JsonNode commit, Set<String> paths) {
    for (String field : new String[] {"added", "modified", "removed"}) {
      commit.path(field).forEach(p -> paths.add(p.asText()));
    }
  }

  private static PushEvent ignored(GitProvider provider, PushEvent.Kind kind, String url, String delivery) {
    return new PushEvent(provider, kind, url, "", "", Set.of(), true, "", "", delivery);
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }
}
