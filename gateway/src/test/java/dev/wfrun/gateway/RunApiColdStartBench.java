package dev.wfrun.gateway;

import dev.wfrun.core.runtime.Jdk25;
import dev.wfrun.core.testing.ColdStarts;
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
 * What a scale-from-zero start of the run API (the gateway jar as wfrun-workload-api) costs the call
 * that caused it (gateway/bench/cold-start.sh): the packaged app started as that identity, one build's
 * Workload POSTed the moment its port accepts (token and access reviewed, the Workload written), the
 * time from {@code java} to the answer; N starts per mode: JDK 17 + AppCDS, JDK 25 with the webhook
 * gateway's cache, JDK 25 with the cache trained on the run API's own path ({@code app-run-api.aot}).
 */
public final class RunApiColdStartBench {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private RunApiColdStartBench() {}

  public static void main(String[] args) throws Exception {
    Path app = Path.of(args[0]).toAbsolutePath();
    int starts = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    System.setProperty("wfrun.repo.root", args[1]);
    List<ColdStarts.Mode> modes = new ArrayList<>(ColdStarts.modes(app, List.of()));
    Optional<Path> jdk25 = Jdk25.find();
    if (jdk25.isPresent() && Files.isRegularFile(app.resolve(GatewayTrainingRun.RUN_API_CACHE))) {
      modes.add(new ColdStarts.Mode("JDK 25 + run API cache", jdk25.get().resolve("bin/java").toString(),
          List.of("-XX:AOTCache=" + GatewayTrainingRun.RUN_API_CACHE)));
    }
    int code = 0;
    GatewayWorld world = new GatewayWorld();
    world.init(Map.of("serviceAccount", "wfrun-workload-api"));
    try {
      List<String> appArgs = new ArrayList<>();
      world.start().forEach((k, v) -> appArgs.add("-D" + k + "=" + v));
      appArgs.add("-Dquarkus.log.level=WARN");
      List<List<ColdStarts.Sample>> samples = new ArrayList<>();
      modes.forEach(m -> samples.add(new ArrayList<>()));
      for (int i = 0; i < starts; i++) {
        for (int m = 0; m < modes.size(); m++) {
          int port = ColdStarts.freePort();
          List<String> argsOfStart = new ArrayList<>(appArgs);
          argsOfStart.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
          String image = "registry.example/greeter:" + i + "-" + m;
          samples.get(m).add(ColdStarts.once(app, modes.get(m), port, argsOfStart, p -> postWorkload(p, image)));
        }
      }
      ColdStarts.report("first Workload written", modes, samples);
    } catch (Exception e) {
      System.out.println("run API cold-start bench failed: " + e);
      code = 1;
    } finally {
      world.stop();
    }
    System.exit(code);
  }

  /** A build's Workload for the sample Component: answered 200 or 201 with the image written. */
  private static void postWorkload(int port, String image) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/v1/namespaces/default/projects/default/components/greeter-service/workloads"))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + GatewayWorld.BUILDER_TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"spec\":{\"container\":{\"image\":\"" + image + "\"}}}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if ((answer.statusCode() != 200 && answer.statusCode() != 201) || !answer.body().contains(image)) {
      throw new IllegalStateException("the Workload was answered " + answer.statusCode() + " " + answer.body());
    }
  }
}
