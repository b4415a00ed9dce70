package dev.wfrun.gateway;

import dev.wfrun.core.testing.AotTraining;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The webhook gateway's ahead-of-time cache, made by {@code mvn package} on a JDK 25 (as the functions
 * app's {@code TrainingRun}): the packaged gateway starts with {@code -XX:AOTCacheOutput} against the
 * sample world (its Components, upstream's webhook Secret), answers a few signed GitHub pushes of the
 * sample payload (each must trigger its build) and an unsigned one (refused), and stops; the JVM
 * writes {@code app.aot} as it exits. The same jar deployed as the run API (wfrun-workload-api) is
 * trained again as that identity into {@code app-run-api.aot}: a build's Workload written (created,
 * then replaced), runs listed and read, the Workflow catalog and a schema read, a caller without rights
 * refused. Without a JDK 25 it says so and AppCDS stays.
 */
public final class GatewayTrainingRun {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** The run API's cache beside the jar (its Knative Service and wfrun dev's run-api child use it). */
  static final String RUN_API_CACHE = "app-run-api.aot";

  private GatewayTrainingRun() {}

  public static void main(String[] args) {
    AotTraining.mainOf("gateway", () -> {
      Path app = Path.of(args[0]).toAbsolutePath();
      Path repo = Path.of(args[1]);
      System.setProperty("wfrun.repo.root", repo.toString());
      GatewayWorld world = new GatewayWorld();
      world.init(Map.of());
      try {
        AotTraining.record("gateway", app, world.start(), port -> pushes(repo, port));
      } finally {
        world.stop();
      }
      // the same jar as the run API and Workload API (wfrun-workload-api): its own identity and path
      GatewayWorld apiWorld = new GatewayWorld();
      apiWorld.init(Map.of("serviceAccount", "wfrun-workload-api"));
      try {
        AotTraining.record("run API", app, RUN_API_CACHE, apiWorld.start(), GatewayTrainingRun::apiCalls);
      } finally {
        apiWorld.stop();
      }
      return null;
    });
  }

  /** Three signed pushes of the sample payload, each triggering its build, and an unsigned one refused. */
  private static void pushes(Path repo, int port) throws Exception {
    byte[] push = Files.readAllBytes(repo.resolve("samples/webhooks/github-push.json"));
    URI url = URI.create("http://127.0.0.1:" + port + "/api/v1alpha1/autobuild");
    for (int i = 0; i < 3; i++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(push));
      WebhookSigner.pushHeaders(GitProviders.byId("github").orElseThrow(), GatewayWorld.GITHUB_SECRET, push)
          .forEach(request::header);
      HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200 || !answer.body().contains("\"triggeredBuilds\":1")) {
        throw new IllegalStateException("training push answered " + answer.statusCode() + ": " + answer.body());
      }
    }
    HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(url).header("X-GitHub-Event", "push")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(push)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (unsigned.statusCode() < 400) {
      throw new IllegalStateException("an unsigned push was answered " + unsigned.statusCode());
    }
  }

  /** What the run API's callers do, each answer checked: a build, a developer, a caller without rights. */
  private static void apiCalls(int port) throws Exception {
    String base = "http://127.0.0.1:" + port;
    String workloads = base + "/api/v1/namespaces/default/projects/default/components/greeter-service/workloads";
    for (String image : new String[] {"registry.example/greeter:1", "registry.example/greeter:2"}) {
      expect(HttpRequest.newBuilder(URI.create(workloads)).header("Authorization", "Bearer " + GatewayWorld.BUILDER_TOKEN)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"spec\":{\"container\":{\"image\":\"" + image + "\"}}}")), 200, 201);
    }
    String runs = base + "/api/v1/namespaces/default/workflowruns";
    for (String url : new String[] {runs, runs + "?limit=1", base + "/api/v1/namespaces/default/workflows",
        base + "/api/v1/namespaces/default/workflows/docker/schema"}) {
      expect(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + GatewayWorld.DEV_TOKEN).GET(), 200);
    }
    expect(HttpRequest.newBuilder(URI.create(runs + "/absent")).header("Authorization", "Bearer " + GatewayWorld.DEV_TOKEN)
        .GET(), 404);
    expect(HttpRequest.newBuilder(URI.create(runs + "/absent/cancel"))
        .header("Authorization", "Bearer " + GatewayWorld.READER_TOKEN).POST(HttpRequest.BodyPublishers.noBody()), 403);
  }

  private static void expect(HttpRequest.Builder request, int... codes) throws Exception {
    HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
    HttpResponse<String> answer = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
    if (java.util.Arrays.stream(codes).noneMatch(c -> c == answer.statusCode())) {
      throw new IllegalStateException("training call " + built.method() + " " + built.uri() + " answered "
          + answer.statusCode() + ": " + answer.body());
    }
  }
}
