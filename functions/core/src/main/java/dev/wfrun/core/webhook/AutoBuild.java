package dev.wfrun.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The auto-build webhook, start to answer: detect (or take) the provider, verify the signature
 * before parsing anything, parse the push, skip what must not build (pings, tags, branch
 * deletions, {@code [skip ci]} commits, pushes by configured bot identities), match Components,
 * and describe the runs to create with upstream's response body.
 */
public final class AutoBuild {
  public static final String PROCESSED = "Webhook processed successfully";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SKIP_MARKERS = List.of("[skip ci]", "[ci skip]");

  /** The webhook secrets of each provider (two may be valid at once during rotation). */
  @FunctionalInterface
  public interface Secrets {
    List<String> of(GitProvider provider);
  }

  private final Secrets secrets;
  private final AutoBuildLookups lookups;
  private final Set<String> botPushers;
  private final RepositoryRateLimiter limiter;

  public AutoBuild(Secrets secrets, AutoBuildLookups lookups, Set<String> botPushers) {
    this(secrets, lookups, botPushers, RepositoryRateLimiter.unlimited());
  }

  public AutoBuild(Secrets secrets, AutoBuildLookups lookups, Set<String> botPushers, RepositoryRateLimiter limiter) {
    this.secrets = secrets;
    this.lookups = lookups;
    this.botPushers = botPushers;
    this.limiter = limiter;
  }

  /**
   * @param provider the provider named by the URL ({@code /autobuild/github}), or null to detect it
   *     from the headers as upstream does
   */
  public AutoBuildResult handle(GitProvider provider, WebhookHeaders headers, byte[] rawBody) {
    GitProvider detected = provider != null ? provider : GitProvider.detect(headers).orElse(null);
    if (detected == null) {
      return AutoBuildResult.error(400, "UNKNOWN_GIT_PROVIDER", "Unable to detect git provider from request headers");
    }
    List<String> valid = secrets.of(detected).stream().filter(s -> s != null && !s.isEmpty()).toList();
    if (valid.isEmpty()) {
      return AutoBuildResult.error(500, "INTERNAL_ERROR", "Webhook secret not configured");
    }
    if (!WebhookSignatures.verify(detected, headers, rawBody, valid)) {
      return AutoBuildResult.error(401, "UNAUTHORIZED", "Invalid webhook signature");
    }
    JsonNode body;
    try {
      body = JSON.readTree(rawBody);
    } catch (IOException e) {
      String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      return new AutoBuildResult(400, "can't decode JSON body: " + why + "\n", List.of());
    }
    if (body == null || !body.isObject()) {
      return new AutoBuildResult(400, "can't decode JSON body: expected a JSON object\n", List.of());
    }
    PushEvent push;
    try {
      push = PushParser.parse(detected, headers, body);
    } catch (IllegalArgumentException e) {
      return new AutoBuildResult(400, "can't parse push event: " + e.getMessage() + "\n", List.of());
    }
    java.time.Duration wait = limiter.acquire(push.repositoryUrl());
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      return new AutoBuildResult(429, "{\"code\":\"RATE_LIMITED\",\"error\":\"Too many deliveries for this repository; "
          + "retry after " + seconds + "s\"}\n", List.of(), seconds, false);
    }
    String ignored = ignoredBecause(push);
    if (ignored != null) {
      return new AutoBuildResult(200, "{\"affectedComponents\":[],\"ignored\":\"" + ignored
          + "\",\"message\":\"Webhook ignored: " + ignored + "\",\"success\":true,\"triggeredBuilds\":0}\n", List.of());
    }
    List<WorkflowRun> runs = new ArrayList<>();
    List<String> affected = new ArrayList<>();
    for (ComponentMatcher.Match match : ComponentMatcher.match(push, lookups)) {
      runs.add(RunRequests.build(match.component(), push, match.roles()));
      affected.add(match.component().getMetadata().getNamespace() + "/" + match.component().getMetadata().getName());
    }
    return new AutoBuildResult(200, processed(affected), runs, 0, !runs.isEmpty() && !push.pathsComplete());
  }

  private String ignoredBecause(PushEvent push) {
    String kind = push.ignoredBecause();
    if (kind != null) {
      return kind;
    }
    String message = push.headCommitMessage().toLowerCase(Locale.ROOT);
    for (String marker : SKIP_MARKERS) {
      if (message.contains(marker)) {
        return "commit message says " + marker;
      }
    }
    if (!push.pusher().isEmpty() && botPushers.contains(push.pusher())) {
      return "pushed by " + push.pusher();
    }
    return null;
  }

  static String processed(List<String> affected) {
    StringBuilder out = new StringBuilder("{\"affectedComponents\":[");
    for (int i = 0; i < affected.size(); i++) {
      out.append(i == 0 ? "" : ",").append('"').append(affected.get(i)).append('"');
    }
    return out.append("],\"message\":\"").append(PROCESSED).append("\",\"success\":true,\"triggeredBuilds\":")
        .append(affected.size()).append("}\n").toString();
  }
}
