package dev.wfrun.functions;

import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.runtime.Jdk25;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.client.utils.Serialization;
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
import java.util.Optional;
import java.util.UUID;

/**
 * The functions app's ahead-of-time cache, made by {@code mvn package} with a training run that
 * exercises the real path: the packaged app starts on a JDK 25 with {@code -XX:AOTCacheOutput}
 * against the strict embedded API (the knative RBAC, the samples), handles one event of each kind
 * (create-runs, render-dispatch, status-sync, queue-advance, report-status, finalize, ttl-cleanup,
 * resync, component-cleanup), and stops; the JVM writes {@code app.aot} as it exits. Without a JDK 25
 * (JAVA25_HOME, JAVA_HOME when it is one, /usr/lib/jvm/*-25*) it says so in one line and the AppCDS
 * archive built for JDK 17 stays what the image and {@code wfrun dev} use.
 */
public final class TrainingRun {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TrainingRun() {}

  public static void main(String[] args) {
    int code = 0;
    try {
      train(args);
    } catch (Exception | Error e) {
      System.out.println("[wfrun] AOT cache: the training run failed: " + e);
      code = 1;
    }
    System.exit(code); // the embedded API's clients leave non-daemon event-loop threads behind
  }

  private static void train(String[] args) throws Exception {
    Path app = Path.of(args.length > 0 ? args[0] : "target/quarkus-app").toAbsolutePath();
    Optional<Path> jdk = Jdk25.find();
    if (jdk.isEmpty()) {
      System.out.println("[wfrun] AOT cache: no JDK 25 found (JAVA25_HOME, JAVA_HOME, /usr/lib/jvm/*-25*); "
          + "the app keeps its JDK 17 AppCDS archive (app-cds.jsa)");
      return;
    }
    Path cache = app.resolve("app.aot");
    Files.deleteIfExists(cache);
    System.setProperty("wfrun.repo.root", args.length > 1 ? args[1] : Path.of("../..").toAbsolutePath().toString());
    long started = System.nanoTime();
    try (World world = new World()) {
      int port = freePort();
      List<String> command = new ArrayList<>(List.of(jdk.get().resolve("bin/java").toString(),
          "-XX:AOTCacheOutput=" + cache, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:aot=warning",
          "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
          "-Dquarkus.kubernetes-client.api-server-url=" + world.controlServer.url(),
          "-Dwfrun.kubernetes.service-account-token-dir=" + WorldResource.tokenDir(world),
          "-Dquarkus.kubernetes-client.trust-certs=true", "-Dquarkus.kubernetes-client.namespace=default",
          "-Dwfrun.resync.dispatch-grace=0s", "-jar", "quarkus-run.jar"));
      Path log = app.resolve("aot-training.log");
      Process process = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      try {
        awaitReady(port, process, log);
        train(world, "http://127.0.0.1:" + port + "/");
      } finally {
        process.destroy(); // SIGTERM: the app stops, then the JVM writes the cache
        if (!process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
    if (!Files.isRegularFile(cache)) {
      throw new IllegalStateException("the training run wrote no " + cache + "; see " + app.resolve("aot-training.log"));
    }
    System.out.printf("[wfrun] AOT cache: %s (%d MB) from a training run on %s, %.1f s%n", cache,
        Files.size(cache) / (1024 * 1024), jdk.get(), (System.nanoTime() - started) / 1e9);
  }

  /** One event of each kind, as the Broker delivers them, each checked to have been handled. */
  private static void train(World world, String url) throws Exception {
    String name = "training-run";
    post(url, "dev.wfrun.autobuild.run.requested", "subject", "default/" + name, """
        {"apiVersion":"openchoreo.dev/v1alpha1","kind":"WorkflowRun",
         "metadata":{"name":"%s","namespace":"default",
                     "labels":{"openchoreo.dev/component":"greeter-service","openchoreo.dev/project":"default"}},
         "spec":{"workflow":{"kind":"Workflow","name":"docker","parameters":{"repository":{"url":"https://x/y"}}}}}
        """.formatted(name));
    RunKey key = new RunKey("default", name);
    String dispatched = post(url, "dev.knative.apiserver.ref.add", "kind", "WorkflowRun", ref("WorkflowRun", key));
    for (int step = 0; step < 4; step++) {
      world.setArgoStatus(key, ArgoProgress.at(name, step, World.START));
      post(url, "dev.knative.apiserver.resource.update", "kind", "Workflow", Serialization.asJson(world.argo(key)));
    }
    world.setArgoStatus(key, ArgoProgress.at(name, ArgoProgress.STEPS.size(), World.START));
    post(url, "dev.knative.apiserver.resource.update", "kind", "Workflow", Serialization.asJson(world.argo(key)));
    post(url, "dev.knative.apiserver.resource.update", "kind", "WorkflowRun",
        Serialization.asJson(world.run(key)));
    post(url, "dev.wfrun.step.result", "wfrunsubjectkind", "WorkflowRun", dispatched); // render-dispatch's reply
    post(url, "dev.knative.apiserver.ref.update", "kind", "WorkflowRun", ref("WorkflowRun", key));
    post(url, "dev.knative.sources.ping", "wfruntask", "ttl-cleanup", "{}");
    post(url, "dev.knative.sources.ping", "wfruntask", "resync", "{}");
    post(url, "dev.knative.apiserver.ref.delete", "kind", "Component",
        "{\"apiVersion\":\"openchoreo.dev/v1alpha1\",\"kind\":\"Component\",\"namespace\":\"default\",\"name\":\"gone\"}");
  }

  private static String ref(String kind, RunKey key) {
    return "{\"apiVersion\":\"openchoreo.dev/v1alpha1\",\"kind\":\"" + kind + "\",\"namespace\":\"" + key.namespace()
        + "\",\"name\":\"" + key.name() + "\"}";
  }

  private static String post(String url, String type, String extension, String value, String body) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString()).header("ce-type", type)
        .header("ce-source", "https://kubernetes.default.svc").header("ce-" + extension, value)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() >= 300) {
      throw new IllegalStateException("training event " + type + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body();
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

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
