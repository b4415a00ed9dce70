package dev.wfrun.clustergateway;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who calls the internal listener: the bearer token is checked with a TokenReview (cached for a
 * minute), and the user must be one of {@code wfrun.cluster-gateway.allowed-callers}. Blocking:
 * call it off the event loop.
 */
@Singleton
public class CallerAuth {
  private record Cached(Optional<String> user, long at) {}

  private static final long TTL = Duration.ofMinutes(1).toNanos();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  @Inject KubernetesClient client;

  @ConfigProperty(name = "wfrun.cluster-gateway.allowed-callers")
  List<String> allowed;

  /**
   * The answer for a token reviewed within the last minute, without blocking: null when it is not
   * cached (call {@link #refusal}), {@link #ALLOWED} when the caller may proceed, else the refusal.
   */
  String[] cachedRefusal(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new String[] {"401", "a bearer token is required"};
    }
    Cached cached = cache.get(authorization.substring(7).trim());
    if (cached == null || System.nanoTime() - cached.at() > TTL) {
      return null;
    }
    String[] refused = decide(cached);
    return refused == null ? ALLOWED : refused;
  }

  /** {@link #cachedRefusal}'s answer for an allowed caller. */
  static final String[] ALLOWED = new String[0];

  private String[] decide(Cached cached) {
    if (cached.user().isEmpty()) {
      return new String[] {"401", "the token is not valid"};
    }
    if (!allowed.contains(cached.user().get())) {
      return new String[] {"403", cached.user().get() + " may not call the cluster gateway"};
    }
    return null;
  }

  /** Null when the caller may proceed, else the HTTP status (401 or 403) and message. Blocking. */
  String[] refusal(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new String[] {"401", "a bearer token is required"};
    }
    String token = authorization.substring(7).trim();
    Cached cached = cache.get(token);
    if (cached == null || System.nanoTime() - cached.at() > TTL) {
      TokenReview review = client.resource(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build())
          .create();
      boolean ok = review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAuthenticated());
      cached = new Cached(ok ? Optional.of(review.getStatus().getUser().getUsername()) : Optional.empty(),
          System.nanoTime());
      if (cache.size() > 10_000) {
        cache.clear();
      }
      cache.put(token, cached);
    }
    return decide(cached);
  }
}
