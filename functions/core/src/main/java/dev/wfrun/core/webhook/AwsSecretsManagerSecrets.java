package dev.wfrun.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Webhook secrets from AWS Secrets Manager, for the gateway on Lambda: one secret whose JSON holds
 * the same keys as upstream's Kubernetes Secret ({@code github-secret}, {@code gitlab-secret},
 * {@code bitbucket-secret}, and {@code <provider>-secret-previous} while rotating). Read through the
 * AWS Parameters and Secrets Lambda Extension ({@code localhost:2773}, authenticated with the
 * function's session token), so no AWS SDK is needed; values are kept for a TTL and refreshed in
 * the background, so a webhook never waits for them after the first read. Values are never logged.
 */
public final class AwsSecretsManagerSecrets implements AutoBuild.Secrets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI endpoint;
  private final String sessionToken;
  private final Duration ttl;
  private final Clock clock;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Map<String, String> values;
  private volatile Instant readAt = Instant.EPOCH;

  /**
   * @param extensionUrl the extension, {@code http://localhost:2773}
   * @param secretId the secret's name or ARN
   * @param sessionToken {@code AWS_SESSION_TOKEN} of the function
   */
  public AwsSecretsManagerSecrets(String extensionUrl, String secretId, String sessionToken, Duration ttl, Clock clock) {
    if (secretId == null || secretId.isBlank()) {
      throw new IllegalArgumentException("wfrun.gateway.aws-secret-id: required with secret-source aws-secrets-manager");
    }
    this.endpoint = URI.create(extensionUrl + "/secretsmanager/get?secretId="
        + URLEncoder.encode(secretId, StandardCharsets.UTF_8));
    this.sessionToken = sessionToken == null ? "" : sessionToken;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public List<String> of(GitProvider provider) {
    Map<String, String> current = current();
    List<String> out = new ArrayList<>();
    for (String key : new String[] {provider.id() + "-secret", provider.id() + "-secret-previous"}) {
      String value = current.get(key);
      if (value != null && !value.isEmpty()) {
        out.add(value);
      }
    }
    return out;
  }

  /** Another key of the same secret (the Kubernetes token of the Lambda, {@code kubernetes-token}). */
  public java.util.Optional<String> value(String key) {
    return java.util.Optional.ofNullable(current().get(key)).filter(v -> !v.isEmpty());
  }

  private Map<String, String> current() {
    Map<String, String> current = values;
    if (current == null) {
      current = read(); // the first read waits (done at start-up)
    } else if (Instant.now(clock).isAfter(readAt.plus(ttl)) && refreshing.compareAndSet(false, true)) {
      CompletableFuture.runAsync(() -> {
        try {
          read();
        } catch (RuntimeException e) {
          // keep serving the values read last; the next request tries again
        } finally {
          refreshing.set(false);
        }
      });
    }
    return current;
  }

  private Map<String, String> read() {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(3))
        .header("X-Aws-Parameters-Secrets-Token", sessionToken).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Secrets Manager extension answered HTTP " + response.statusCode());
      }
      JsonNode secretString = JSON.readTree(JSON.readTree(response.body()).path("SecretString").asText("{}"));
      Map<String, String> read = new java.util.HashMap<>();
      secretString.properties().forEach(f -> read.put(f.getKey(), f.getValue().asText()));
      values = Map.copyOf(read);
      readAt = Instant.now(clock);
      return values;
    } catch (IOException e) {
      throw new IllegalStateException("Secrets Manager extension unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading webhook secrets", e);
    }
  }
}
