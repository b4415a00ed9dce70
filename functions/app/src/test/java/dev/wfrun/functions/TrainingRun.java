package dev.wfrun.functions;

import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.testing.AotTraining;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The functions app's ahead-of-time cache, made by {@code mvn package} with a training run that
 * exercises the real path: the packaged app starts on a JDK 25 with {@code -XX:AOTCacheOutput}
 * against the strict embedded API (the knative RBAC, the samples), handles one event of each kind
 * (create-runs, render-dispatch, status-sync, queue-advance, report-status, finalize, ttl-cleanup,
 * resync, component-cleanup), and stops; the JVM writes {@code app.aot} as it exits ({@link AotTraining}).
 * Without a JDK 25 it says so in one line and the AppCDS archive built for JDK 17 stays.
 */
public final class TrainingRun {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TrainingRun() {}

  public static void main(String[] args) {
    AotTraining.mainOf("functions", () -> {
      Path app = Path.of(args[0]).toAbsolutePath();
      System.setProperty("wfrun.repo.root", args[1]);
      try (World world = new World()) {
        AotTraining.record("functions", app, Map.of(
            "quarkus.kubernetes-client.api-server-url", world.controlServer.url(),
            "wfrun.kubernetes.service-account-token-dir", WorldResource.tokenDir(world).toString(),
            "quarkus.kubernetes-client.trust-certs", "true", "quarkus.kubernetes-client.namespace", "default",
            "wfrun.resync.dispatch-grace", "0s"), port -> train(world, "http://127.0.0.1:" + port + "/"));
      }
      return null;
    });
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
}
