package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.wfrun.core.testing.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local stand-in for the AWS Parameters and Secrets Lambda Extension. */
class AwsSecretsManagerSecretsTest {
  private HttpServer extension;
  private final AtomicReference<String> secretString =
      new AtomicReference<>("{\"github-secret\":\"g1\",\"github-secret-previous\":\"g0\",\"gitlab-secret\":\"t1\"}");
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicReference<String> tokenSeen = new AtomicReference<>();
  private final AtomicReference<String> querySeen = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    extension = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    extension.createContext("/secretsmanager/get", exchange -> {
      reads.incrementAndGet();
      tokenSeen.set(exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token"));
      querySeen.set(exchange.getRequestURI().getQuery());
      String body = "{\"Name\":\"wfrun/webhooks\",\"SecretString\":"
          + new com.fasterxml.jackson.databind.node.TextNode(secretString.get()) + "}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    extension.start();
  }

  @AfterEach
  void stop() {
    extension.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + extension.getAddress().getPort();
  }

  @Test
  void readsTheProvidersSecretAndThePreviousOneWithTheSessionToken() {
    var secrets = new AwsSecretsManagerSecrets(url(), "wfrun/webhooks", "session-token", Duration.ofMinutes(1),
        new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));

    assertThat(secrets.of(GitProviders.GITHUB)).containsExactly("g1", "g0");
    assertThat(secrets.of(GitProviders.GITLAB)).containsExactly("t1");
    assertThat(secrets.of(GitProviders.BITBUCKET)).isEmpty();
    assertThat(tokenSeen.get()).isEqualTo("session-token");
    assertThat(querySeen.get()).isEqualTo("secretId=wfrun/webhooks");
    assertThat(reads.get()).as("read once, then cached").isEqualTo(1);
  }

  @Test
  void aRotatedSecretIsPickedUpAfterTheTtlWithoutBlocking() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var secrets = new AwsSecretsManagerSecrets(url(), "wfrun/webhooks", "t", Duration.ofMinutes(1), clock);
    assertThat(secrets.of(GitProviders.GITHUB)).contains("g1");

    secretString.set("{\"github-secret\":\"g2\"}");
    clock.advance(Duration.ofMinutes(2));
    assertThat(secrets.of(GitProviders.GITHUB)).as("stale values while refreshing").contains("g1");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!secrets.of(GitProviders.GITHUB).contains("g2") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(secrets.of(GitProviders.GITHUB)).containsExactly("g2");
  }

  @Test
  void aMissingSecretIdIsNamed() {
    assertThatThrownBy(() -> new AwsSecretsManagerSecrets(url(), " ", "t", Duration.ofMinutes(1),
        new MutableClock(Instant.EPOCH))).hasMessageStartingWith("wfrun.gateway.aws-secret-id: required");
  }
}
