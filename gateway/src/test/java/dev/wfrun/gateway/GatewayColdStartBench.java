package dev.wfrun.gateway;

import dev.wfrun.core.testing.ColdStarts;
import dev.wfrun.core.testing.World;
import dev.wfrun.core.webhook.WebhookSignatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a scale-from-zero start of the webhook gateway costs the push that caused it
 * (gateway/bench/cold-start.sh): 1,000 Components in the strict embedded API, the packaged gateway
 * started, one signed GitHub push to one of their repositories posted the moment its port accepts;
 * the time from {@code java} to the answer naming the built Component, N starts per mode (JDK 17 +
 * AppCDS, JDK 25 + the trained AOT cache), with the RSS after it.
 */
public final class GatewayColdStartBench {
  private static final String SECRET = "cold-start-secret";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private GatewayColdStartBench() {}

  public static void main(String[] args) throws Exception {
    Path app = Path.of(args[0]).toAbsolutePath();
    int starts = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    System.setProperty("wfrun.repo.root", args[1]);
    List<ColdStarts.Mode> modes = ColdStarts.modes(app, List.of());
    int code = 0;
    try (World world = new World()) {
      world.copiesOfGreeter(999);
      world.webhookSecret("github-secret", SECRET);
      String token = world.controlServer.tokenFor("wfrun-gateway");
      List<List<ColdStarts.Sample>> samples = new ArrayList<>();
      modes.forEach(m -> samples.add(new ArrayList<>()));
      for (int i = 0; i < starts; i++) {
        for (int m = 0; m < modes.size(); m++) {
          int port = ColdStarts.freePort();
          samples.get(m).add(ColdStarts.once(app, modes.get(m), port, List.of("-Dquarkus.http.port=" + port,
              "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.kubernetes-client.api-server-url=" + world.controlServer.url(),
              "-Dquarkus.kubernetes-client.trust-certs=true", "-Dquarkus.kubernetes-client.token=" + token,
              "-Dquarkus.log.level=WARN"), GatewayColdStartBench::push));
        }
      }
      ColdStarts.report("first signed push answered", modes, samples);
    } catch (Exception e) {
      System.out.println("gateway cold-start bench failed: " + e);
      code = 1;
    }
    System.exit(code);
  }

  /** A push to repository 500 that touches its app path: answered 200 naming the Component it builds. */
  private static void push(int port) throws Exception {
    String commit = UUID.randomUUID().toString().replace("-", "").substring(0, 32) + "abcdef01";
    byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + commit + "\",\"repository\":{\"clone_url\":"
        + "\"https://github.com/bench/repo-500.git\"},\"pusher\":{\"name\":\"dev\"},\"head_commit\":{\"message\":\"fix\"},"
        + "\"commits\":[{\"added\":[],\"modified\":[\"service-go-greeter/main.go\"],\"removed\":[]}]}")
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1alpha1/autobuild"))
        .timeout(Duration.ofSeconds(30)).header("X-GitHub-Event", "push").header("X-GitHub-Delivery", commit)
        .header("X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(SECRET, body))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200 || !answer.body().contains("default/service-500")) {
      throw new IllegalStateException("the push was answered " + answer.statusCode() + " " + answer.body());
    }
  }
}
