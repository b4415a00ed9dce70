package dev.wfrun.functions;

import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.testing.ColdStarts;
import dev.wfrun.core.testing.World;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a cold start costs the event that caused it (functions/bench/cold-start.sh): the packaged app
 * is started, one render-dispatch CloudEvent is posted the moment its port accepts, and the time from
 * {@code java} to the answer is recorded, with the process's RSS after it; N starts per mode, JDK 17 +
 * AppCDS and JDK 25 + the AOT cache (and the image's small-heap flags) alternately, against the strict
 * embedded API.
 */
public final class ColdStartBench {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private ColdStartBench() {}

  public static void main(String[] args) throws Exception {
    Path app = Path.of(args[0]).toAbsolutePath();
    int starts = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    System.setProperty("wfrun.repo.root", args[1]);
    List<ColdStarts.Mode> modes = new ArrayList<>(ColdStarts.modes(app, FLAGS));
    if (modes.size() > 1) {
      ColdStarts.Mode aot = modes.get(1);
      List<String> small = new ArrayList<>(aot.flags());
      small.addAll(List.of("-Xms16m", "-Xmx64m", "-XX:ReservedCodeCacheSize=32m", "-Xss512k"));
      modes.add(new ColdStarts.Mode("JDK 25 + AOT, 64 MB heap", aot.java(), small));
    }
    int code = 0;
    try (World world = new World()) {
      Path tokens = WorldResource.tokenDir(world);
      List<List<ColdStarts.Sample>> samples = new ArrayList<>();
      modes.forEach(m -> samples.add(new ArrayList<>()));
      for (int i = 0; i < starts; i++) {
        for (int m = 0; m < modes.size(); m++) {
          RunKey key = world.createRunYaml("""
              apiVersion: openchoreo.dev/v1alpha1
              kind: WorkflowRun
              metadata: {name: cold-%d-%d, namespace: default}
              spec: {workflow: {name: docker, parameters: {repository: {url: https://example.com/r}}}}
              """.formatted(i, m));
          int port = ColdStarts.freePort();
          samples.get(m).add(ColdStarts.once(app, modes.get(m), port, List.of("-Dquarkus.http.port=" + port,
              "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.kubernetes-client.api-server-url=" + world.controlServer.url(),
              "-Dwfrun.kubernetes.service-account-token-dir=" + tokens, "-Dquarkus.kubernetes-client.trust-certs=true",
              "-Dquarkus.kubernetes-client.namespace=default"), p -> renderDispatch(p, key)));
        }
      }
      ColdStarts.report("first event answered", modes, samples);
    } catch (Exception e) {
      System.out.println("cold-start bench failed: " + e);
      code = 1;
    }
    System.exit(code);
  }

  private static void renderDispatch(int port, RunKey key) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .timeout(Duration.ofSeconds(30)).header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
        .header("ce-type", "dev.knative.apiserver.ref.add").header("ce-source", "https://kubernetes.default.svc")
        .header("ce-kind", "WorkflowRun").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"openchoreo.dev/v1alpha1\",\"kind\":\"WorkflowRun\","
            + "\"namespace\":\"" + key.namespace() + "\",\"name\":\"" + key.name() + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200 || !answer.body().contains("DONE")) {
      throw new IllegalStateException("the event was answered " + answer.statusCode() + " " + answer.body());
    }
  }
}
