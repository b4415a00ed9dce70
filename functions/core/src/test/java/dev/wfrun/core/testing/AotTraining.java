package dev.wfrun.core.testing;

import dev.wfrun.core.runtime.Jdk25;
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
import java.util.concurrent.TimeUnit;

/**
 * The mechanics of a training run for a packaged Quarkus app's ahead-of-time cache (JDK 25): the app
 * is started from its {@code quarkus-app} directory with {@code -XX:AOTCacheOutput}, C1 only and the
 * serial collector (the flags its images run with), trained once it is ready, and stopped with SIGTERM,
 * after which the JVM writes {@code app.aot}. Without a JDK 25 it says so in one line and returns.
 */
public final class AotTraining {
  /** What the running app is put through; {@code port} is where it listens. */
  public interface Exercise {
    void run(int port) throws Exception;
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private AotTraining() {}

  /** Runs {@code training} and exits (the embedded API's clients leave non-daemon threads behind). */
  public static void mainOf(String what, java.util.concurrent.Callable<Void> training) {
    int code = 0;
    try {
      training.call();
    } catch (Exception | Error e) {
      System.out.println("[wfrun] AOT cache (" + what + "): the training run failed: " + e);
      code = 1;
    }
    System.exit(code);
  }

  /**
   * Trains {@code app} ({@code target/quarkus-app}) with these system properties; the cache is
   * checked to exist and reported in one line.
   */
  public static void record(String what, Path app, Map<String, String> properties, Exercise exercise) throws Exception {
    record(what, app, "app.aot", properties, exercise);
  }

  /**
   * As {@link #record(String, Path, Map, Exercise)}, into {@code cacheName} beside the jar: one app
   * deployed in two roles (the webhook gateway, the run API) gets one cache per role, each trained on
   * its own path.
   */
  public static void record(String what, Path app, String cacheName, Map<String, String> properties,
      Exercise exercise) throws Exception {
    Optional<Path> jdk = Jdk25.find();
    if (jdk.isEmpty()) {
      System.out.println("[wfrun] AOT cache (" + what + "): no JDK 25 found (JAVA25_HOME, JAVA_HOME, /usr/lib/jvm/*); "
          + "it keeps its JDK 17 AppCDS archive (app-cds.jsa)");
      return;
    }
    Path cache = app.resolve(cacheName);
    Files.deleteIfExists(cache);
    long started = System.nanoTime();
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(jdk.get().resolve("bin/java").toString(),
        "-XX:AOTCacheOutput=" + cache, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:aot=warning",
        "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-jar", "quarkus-run.jar"));
    Path log = app.resolve(cacheName.replace(".aot", "") + "-training.log");
    Process process = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      awaitReady(port, process, log);
      exercise.run(port);
    } finally {
      process.destroy(); // SIGTERM: the app stops, then the JVM writes the cache
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    if (!Files.isRegularFile(cache)) {
      throw new IllegalStateException("the training run wrote no " + cache + "; see " + log);
    }
    System.out.printf("[wfrun] AOT cache (%s): %s (%d MB) from a training run on %s, %.1f s%n", what, cache,
        Files.size(cache) / (1024 * 1024), jdk.get(), (System.nanoTime() - started) / 1e9);
  }

  private static void awaitReady(int port, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the app exited during training; see " + log);
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
    throw new IllegalStateException("the app was not ready within 60 s; see " + log);
  }
}
