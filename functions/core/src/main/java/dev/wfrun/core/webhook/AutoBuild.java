package dev.wfrun.core.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

  /**
   * The webhook secrets of each provider (two may be valid at once during rotation), and the
   * per-Component secrets that take precedence over them: a Component with its own secret is built
   * only by a delivery signed with that secret, never by one signed with the provider-wide key.
   */
  @FunctionalInterface
  public interface Secrets {
    List<String> of(GitProvider provider);

    /** The Component's own webhook secrets (empty: the provider-wide key applies). */
    default List<String> ofComponent(String namespace, String name) {
      return List.of();
    }

    /** Whether any Component has its own secret (false: verify before parsing, as before). */
    default boolean anyComponentSecrets() {
      return false;
    }

    /** Blocks until the secrets have been read once (a watched source fills in the background). */
    default void awaitSynced() {}
  }

  /** A delivery's branch longer than git's own limit on ref names is refused. */
  static final int MAX_BRANCH_LENGTH = 255;
  static final int MAX_DELIVERY_ID_LENGTH = 128;
  private static final java.util.regex.Pattern COMMIT_SHA = java.util.regex.Pattern.compile("[0-9a-fA-F]{7,40}");
  private static final ObjectMapper STRICT_JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Secrets secrets;
  private final AutoBuildLookups lookups;
  private final Set<String> botPushers;
  private final RepositoryRateLimiter limiter;
  private final java.time.Clock clock;

  /** The index and the lookups' version it was built at. */
  private record Indexed(long version, RepositoryIndex index) {}

  private volatile Indexed indexed;

  public AutoBuild(Secrets secrets, AutoBuildLookups lookups, Set<String> botPushers) {
    this(secrets, lookups, botPushers, RepositoryRateLimiter.unlimited());
  }

  public AutoBuild(Secrets secrets, AutoBuildLookups lookups, Set<String> botPushers, RepositoryRateLimiter limiter) {
    this(secrets, lookups, botPushers, limiter, java.time.Clock.systemUTC());
  }

  /** @param clock when a delivery was received (the runs' {@link RunRequests#ANNOTATION_RECEIVED}) */
  public AutoBuild(Secrets secrets, AutoBuildLookups lookups, Set<String> botPushers, RepositoryRateLimiter limiter,
      java.time.Clock clock) {
    this.secrets = secrets;
    this.lookups = lookups;
    this.botPushers = botPushers;
    this.limiter = limiter;
    this.clock = clock;
  }

  /**
   * @param provider the provider named by the URL ({@code /autobuild/github}), or null to detect it
   *     from the headers as upstream does
   */
  public AutoBuildResult handle(GitProvider provider, WebhookHeaders headers, byte[] rawBody) {
    GitProvider detected = provider != null ? provider : GitProviders.detect(headers).orElse(null);
    if (detected == null) {
      return AutoBuildResult.error(400, "UNKNOWN_GIT_PROVIDER", "Unable to detect git provider from request headers");
    }
    String signatureHeader = detected.signatureHeader();
    if (headers.isRepeated(signatureHeader)) {
      return AutoBuildResult.error(400, "BAD_REQUEST", signatureHeader + " header sent more than once");
    }
    List<String> valid = secrets.of(detected).stream().filter(s -> s != null && !s.isEmpty()).toList();
    boolean perComponent = secrets.anyComponentSecrets();
    if (valid.isEmpty() && !perComponent) {
      return AutoBuildResult.error(503, "SECRET_NOT_CONFIGURED", "Webhook secret not configured for "
          + detected.id() + "; the delivery can be retried once it is");
    }
    boolean providerSigned = !valid.isEmpty() && detected.verify(headers, rawBody, valid);
    if (!providerSigned && !perComponent) {
      return AutoBuildResult.error(401, "UNAUTHORIZED", "Invalid webhook signature");
    }
    JsonNode body;
    try {
      body = STRICT_JSON.readTree(rawBody);
    } catch (IOException e) {
      if (!providerSigned) {
        return AutoBuildResult.error(401, "UNAUTHORIZED", "Invalid webhook signature");
      }
      String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      return AutoBuildResult.text(400, "can't decode JSON body: " + why);
    }
    if (body == null || !body.isObject()) {
      if (!providerSigned) {
        return AutoBuildResult.error(401, "UNAUTHORIZED", "Invalid webhook signature");
      }
      return AutoBuildResult.text(400, "can't decode JSON body: expected a JSON object");
    }
    List<PushEvent> pushes;
    try {
      pushes = detected.parse(headers, body);
      pushes.forEach(AutoBuild::checkBounds);
    } catch (IllegalArgumentException e) {
      if (!providerSigned) {
        return AutoBuildResult.error(401, "UNAUTHORIZED", "Invalid webhook signature");
      }
      return AutoBuildResult.text(400, "can't parse push event: " + e.getMessage());
    }
    PushEvent push = pushes.get(0);
    if (providerSigned) {
      Optional<AutoBuildResult> limited = rateLimited(push);
      if (limited.isPresent()) {
        return limited.get();
      }
    }
    List<PushEvent> building = pushes.stream().filter(p -> ignoredBecause(p) == null).toList();
    if (building.isEmpty()) {
      if (!providerSigned && !signedByAnyComponent(detected, headers, rawBody, pushes, index())) {
        return AutoBuildResult.error(401, "UNAUTHORIZED", "Invalid webhook signature");
      }
      String ignored = ignoredBecause(push);
      ObjectNode answer = AutoBuildResult.object();
      answer.putArray("affectedComponents");
      answer.put("ignored", ignored).put("message", "Webhook ignored: " + ignored).put("success", true)
          .put("triggeredBuilds", 0);
      return AutoBuildResult.json(200, answer, List.of(), 0, false);
    }
    RepositoryIndex index = index();
    List<WorkflowRun> runs = new ArrayList<>();
    java.time.Instant received = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    List<String> affected = new ArrayList<>();
    boolean anySigned = providerSigned;
    boolean pathsUnverified = false;
    for (PushEvent event : building) {
      for (ComponentMatcher.Match match : ComponentMatcher.match(event, index)) {
        String namespace = match.component().getMetadata().getNamespace();
        String name = match.component().getMetadata().getName();
        List<String> own = secrets.ofComponent(namespace, name);
        boolean signed = own.isEmpty() ? providerSigned : detected.verify(headers, rawBody, own);
        if (!signed) {
          continue; // its own secret decides; the provider-wide key builds only Components without one
        }
        anySigned = true;
        try {
          checkCommit(event);
        } catch (IllegalArgumentException e) {
          return AutoBuildResult.text(400, "can't parse push event: " + e.getMessage());
        }
        runs.add(RunRequests.build(match.component(), event, match.roles(), received));
        affected.add(namespace + "/" + name);
        pathsUnverified |= !event.pathsComplete();
      }
    }
    if (!anySigned) {
      return AutoBuildResult.error(401, "UNAUTHORIZED", "Invalid webhook signature");
    }
    if (!providerSigned) {
      Optional<AutoBuildResult> limited = rateLimited(push);
      if (limited.isPresent()) {
        return limited.get();
      }
    }
    return AutoBuildResult.json(200, processed(affected), runs, 0, !runs.isEmpty() && pathsUnverified);
  }

  /** Builds the repository index now (at a gateway's start), so the first delivery does not pay for it. */
  public void prepare() {
    index();
  }

  /** The Components by repository, rebuilt only after the lookups changed (every time when they cannot tell). */
  private RepositoryIndex index() {
    long version = lookups.version();
    Indexed current = indexed;
    if (version >= 0 && current != null && current.version() == version) {
      return current.index();
    }
    RepositoryIndex index = RepositoryIndex.of(lookups);
    if (version >= 0) {
      indexed = new Indexed(version, index); // a change while building bumps the version: rebuilt next time
    }
    return index;
  }

  /** A 429 when the repository delivered too often (counted only for signed deliveries). */
  private Optional<AutoBuildResult> rateLimited(PushEvent push) {
    java.time.Duration wait = limiter.acquire(push.repositoryUrl());
    if (wait.isZero()) {
      return Optional.empty();
    }
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return Optional.of(AutoBuildResult.json(429, AutoBuildResult.object().put("code", "RATE_LIMITED")
        .put("error", "Too many deliveries for this repository; retry after " + seconds + "s"), List.of(), seconds,
        false));
  }

  /** Whether some Component of this repository has its own secret that signed the delivery. */
  private boolean signedByAnyComponent(GitProvider provider, WebhookHeaders headers, byte[] body,
      List<PushEvent> pushes, RepositoryIndex index) {
    for (PushEvent event : pushes) {
      for (ComponentMatcher.Match match : ComponentMatcher.ofRepository(event, index)) {
        List<String> own = secrets.ofComponent(match.component().getMetadata().getNamespace(),
            match.component().getMetadata().getName());
        if (!own.isEmpty() && provider.verify(headers, body, own)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A commit a run would build is a 7-40 character hex SHA (it becomes a parameter, an annotation
   * and, in many templates, a shell argument).
   */
  private static void checkCommit(PushEvent push) {
    if (!COMMIT_SHA.matcher(push.commit()).matches()) {
      throw new IllegalArgumentException("commit \"" + shorten(push.commit())
          + "\" is not a 7-40 character hex SHA");
    }
  }

  /** Values a push copies into a run's annotations are bounded: branch, delivery id, repository URL. */
  private static void checkBounds(PushEvent push) {
    if (push.kind() != PushEvent.Kind.BRANCH_PUSH) {
      return;
    }
    if (push.branch().length() > MAX_BRANCH_LENGTH) {
      throw new IllegalArgumentException("branch name longer than " + MAX_BRANCH_LENGTH + " characters");
    }
    if (push.deliveryId().length() > MAX_DELIVERY_ID_LENGTH) {
      throw new IllegalArgumentException("delivery id longer than " + MAX_DELIVERY_ID_LENGTH + " characters");
    }
    if (push.repositoryUrl().length() > RepositoryUrls.MAX_LENGTH) {
      throw new IllegalArgumentException("repository URL longer than " + RepositoryUrls.MAX_LENGTH + " characters");
    }
  }

  private static String shorten(String value) {
    String v = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return v.replaceAll("[^\\x20-\\x7e]", "?").replace("\"", "'");
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

  static ObjectNode processed(List<String> affected) {
    ObjectNode body = AutoBuildResult.object();
    affected.forEach(body.putArray("affectedComponents")::add);
    return body.put("message", PROCESSED).put("success", true).put("triggeredBuilds", affected.size());
  }

}
