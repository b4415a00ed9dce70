package dev.wfrun.core.commitstatus;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The one POST a REST commit-status client makes: sent, and any answer above 2xx an error naming the service. */
public final class StatusPosts {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private StatusPosts() {}

  public static void send(HttpRequest request, String service) throws IOException {
    try {
      HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 300) {
        throw new IOException(service + " answered " + response.statusCode() + " setting the commit status");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
