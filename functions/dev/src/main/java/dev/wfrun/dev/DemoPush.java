package dev.wfrun.dev;

import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The sample GitHub push, signed with the webhook secret, posted to the gateway as GitHub would. */
final class DemoPush {
  static final String SAMPLE = "samples/webhooks/github-push.json";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private DemoPush() {}

  /** Posts {@code body} as a GitHub push, signed with {@code secret}. */
  static HttpResponse<String> post(String gatewayUrl, String secret, byte[] body) throws IOException,
      InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1alpha1/autobuild"))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    WebhookSigner.pushHeaders(GitProviders.GITHUB, secret, body).forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** @return the gateway's status line and body */
  static String send(Path repo, String gatewayUrl, String secret) {
    try {
      HttpResponse<String> response = post(gatewayUrl, secret, Files.readAllBytes(repo.resolve(SAMPLE)));
      return response.statusCode() + " " + response.body().strip();
    } catch (IOException e) {
      throw new DevException("demo push failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevException("demo push interrupted", e);
    }
  }
}
