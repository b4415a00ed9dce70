package dev.wfrun.functions;

import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.runtime.Jdk25;
import dev.wfrun.core.testing.World;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a cold start costs the event that caused it (functions/bench/cold-start.sh): the packaged app
 * is started, one render-dispatch CloudEvent is posted the moment its port accepts, and the time from
 * {@code java} to the answer is recorded, with the process's RSS after it; N starts per mode, JDK 17 +
 * AppCDS and JDK 25 + the AOT cache alternately, against the strict embedded API.
 */
public final class ColdStartBench {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private record Mode(String name, String java, List<String> flags) {}

  private ColdStartBench() {}

  public static void main(String[] args) throws Exception {
    Path app = Path.of(args[0]).toAbsolutePath();
    int starts = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    System.setProperty("wfrun.repo.root", args[1]);
    List<Mode> modes = new ArrayList<>();
    modes.add(new Mode("JDK 17 + AppCDS", Path.of(System.getProperty("java.home"), "bin/java").toString(),
        List.of("-XX:SharedArchiveFile=app-cds.jsa", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")));
    Optional<Path> jdk25 = Jdk25.find();
    if (jdk25.isPresent() && Files.isRegularFile(app.resolve("app.aot"))) {
      modes.add(new Mode("JDK 25 + AOT cache", jdk25.get().resolve("bin/java").toString(),
          List.of("-XX:AOTCache=app.aot", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")));
      modes.add(new Mode("JDK 25 + AOT, 64 MB heap", jdk25.get().resolve("bin/java").toString(),
          List.of("-XX:AOTCache=app.aot", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms16m", "-Xmx64m",
              "-XX:ReservedCodeCacheSize=32m", "-Xss512k")));
    } else {
      System.out.println("no JDK 25 or no app.aot: JDK 17 only");
    }
    int code = 0;
    try (World world = new World()) {
      Path tokens = WorldResource.tokenDir(world);
      List<List<Double>> times = new ArrayList<>();
      List<List<Long>> rss = new ArrayList<>();
      List<List<Double>> accepts = new ArrayList<>();
      modes.forEach(m -> {
        accepts.add(new ArrayList<>());
        times.add(new ArrayList<>());
        rss.add(new ArrayList<>());
      });
      for (int i = 0; i < starts; i++) {
        for (int m = 0; m < modes.size(); m++) {
          RunKey key = world.createRunYaml("""
              apiVersion: openchoreo.dev/v1alpha1
              kind: WorkflowRun
              metadata: {name: cold-%d-%d, namespace: default}
              spec: {workflow: {name: docker, parameters: {repository: {url: https://example.com/r}}}}
              """.formatted(i, m));
          double[] measured = once(app, modes.get(m), world, tokens, key);
          times.get(m).add(measured[0]);
          accepts.get(m).add(measured[2]);
          rss.get(m).add((long) measured[1]);
        }
      }
      for (int m = 0; m < modes.size(); m++) {
        List<Double> t = new ArrayList<>(times.get(m));
        Collections.sort(t);
        List<Double> a = new ArrayList<>(accepts.get(m));
        Collections.sort(a);
        List<Long> r = new ArrayList<>(rss.get(m));
        Collections.sort(r);
        System.out.printf("%-25s start to first event answered: min %.3f s, median %.3f s, max %.3f s; "
            + "port accepting at median %.3f s; RSS after it: median %d MB (%d starts)%n", modes.get(m).name(), t.get(0),
            t.get(t.size() / 2), t.get(t.size() - 1), a.get(a.size() / 2), r.get(r.size() / 2) / 1024, t.size());
      }
    } catch (Exception e) {
      System.out.println("cold-start bench failed: " + e);
      code = 1;
    }
    System.exit(code);
  }

  /** Seconds from the process start to the event's answer, and the RSS (KiB) after it. */
  private static double[] once(Path app, Mode mode, World world, Path tokens, RunKey key) throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(mode.java()));
    command.addAll(mode.flags());
    String extra = System.getenv("WFRUN_COLD_START_FLAGS"); // e.g. a flight recording of one start
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.kubernetes-client.api-server-url=" + world.controlServer.url(),
        "-Dwfrun.kubernetes.service-account-token-dir=" + tokens, "-Dquarkus.kubernetes-client.trust-certs=true",
        "-Dquarkus.kubernetes-client.namespace=default", "-jar", "quarkus-run.jar"));
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      while (!accepts(port)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(mode.name() + ": the app exited");
        }
        Thread.sleep(2);
      }
      double accepted = (System.nanoTime() - started) / 1e9;
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
          .timeout(Duration.ofSeconds(30)).header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
          .header("ce-type", "dev.knative.apiserver.ref.add").header("ce-source", "https://kubernetes.default.svc")
          .header("ce-kind", "WorkflowRun").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"openchoreo.dev/v1alpha1\",\"kind\":\"WorkflowRun\","
              + "\"namespace\":\"" + key.namespace() + "\",\"name\":\"" + key.name() + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      double seconds = (System.nanoTime() - started) / 1e9;
      if (answer.statusCode() != 200 || !answer.body().contains("DONE")) {
        throw new IllegalStateException(mode.name() + ": the event was answered " + answer.statusCode() + " " + answer.body());
      }
      return new double[] {seconds, rssKib(process.pid()), accepted};
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 50);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }
}
