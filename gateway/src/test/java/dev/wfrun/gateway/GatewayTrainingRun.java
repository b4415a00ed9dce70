package dev.wfrun.gateway;

import dev.wfrun.core.runtime.Jdk25;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook gateway's ahead-of-time cache, made by {@code mvn package} on a JDK 25 (as the functions
 * app's {@code TrainingRun}): the packaged gateway starts with {@code -XX:AOTCacheOutput} against the
 * sample world (its Components, upstream's webhook Secret), answers a few signed GitHub pushes of the
 * sample payload (each must trigger its build) and an unsigned one (refused), and stops; the JVM
 * writes {@code app.aot} as it exits. Without a JDK 25 it says so and AppCDS stays.
 */
public final class GatewayTrainingRun {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private GatewayTrainingRun() {}

  public static void main(String[] args) {
    int code = 0;
    try {
      train(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]));
    } catch (Exception | Error e) {
      System.out.println("[wfrun] AOT cache (gateway): the training run failed: " + e);
      code = 1;
    }
    System.exit(code); // the embedded API's clients leave non-daemon event-loop threads behind
  }

  private static void train(Path app, Path repo) throws Exception {
    Optional<Path> jdk = Jdk25.find();
    if (jdk.isEmpty()) {
      System.out.println("[wfrun] AOT cache (gateway): no JDK 25 found (JAVA25_HOME, JAVA_HOME, /usr/lib/jvm/*-25*); "
          + "the gateway keeps its JDK 17 AppCDS archive (app-cds.jsa)");
      return;
    }
    System.setProperty("wfrun.repo.root", repo.toString());
    Path cache = app.resolve("app.aot");
    Files.deleteIfExists(cache);
    long started = System.nanoTime();
    GatewayWorld world = new GatewayWorld();
    world.init(Map.of());
    Map<String, String> config = world.start();
    try {
      int port;
      try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> command = new ArrayList<>(List.of(jdk.get().resolve("bin/java").toString(),
          "-XX:AOTCacheOutput=" + cache, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:aot=warning",
          "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
      config.forEach((k, v) -> command.add("-D" + k + "=" + v));
      command.addAll(List.of("-jar", "quarkus-run.jar"));
      Path log = app.resolve("aot-training.log");
      Process process = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      try {
        awaitReady(port, process, log);
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
      } finally {
        process.destroy(); // SIGTERM: the gateway stops, then the JVM writes the cache
        if (!process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } finally {
      world.stop();
    }
    if (!Files.isRegularFile(cache)) {
      throw new IllegalStateException("the training run wrote no " + cache + "; see " + app.resolve("aot-training.log"));
    }
    System.out.printf("[wfrun] AOT cache (gateway): %s (%d MB) from a training run on %s, %.1f s%n", cache,
        Files.size(cache) / (1024 * 1024), jdk.get(), (System.nanoTime() - started) / 1e9);
  }

  private static void awaitReady(int port, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the gateway exited during training; see " + log);
      }
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the gateway was not ready within 60 s; see " + log);
  }
}
