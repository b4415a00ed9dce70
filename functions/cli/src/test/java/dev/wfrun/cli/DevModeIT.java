package dev.wfrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.testing.Kubectl;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.WebhookSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.wfrun.core.runtime.Jdk25;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wfrun dev} driven as a user would: the launcher started as a process, the signed sample push
 * posted over HTTP, the run followed with the real kubectl, then SIGTERM.
 */
class DevModeIT {
  private static final Path LAUNCHER = Path.of("target/wfrun").toAbsolutePath();
  private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  private static final String SECRET = "it-github-secret";

  @TempDir Path dir;

  /** A running {@code wfrun dev}, its output lines collected. */
  private record Dev(Process process, BlockingQueue<String> lines, List<String> seen) {
    String awaitLine(String prefix, long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(200, TimeUnit.MILLISECONDS);
        if (line != null) {
          seen.add(line);
          if (line.startsWith(prefix)) {
            return line;
          }
        }
        if (line == null && !process.isAlive()) {
          deadline = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(2)); // the last lines
        }
      }
      throw new AssertionError("no line starting with \"" + prefix + "\"; output so far: " + seen);
    }
  }

  private Dev start(String... flags) throws IOException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "dev"));
    command.addAll(List.of(flags));
    return follow(new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start());
  }

  /** Collects the process's output lines as they come. */
  private static Dev follow(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        r.lines().forEach(lines::add);
      } catch (IOException ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return new Dev(process, lines, new ArrayList<>());
  }

  /** A free port below the ephemeral range, so wfrun dev's own port-0 sockets cannot take it first. */
  private static int freePort() {
    return dev.wfrun.dev.Ports.free();
  }

  private static int pushSample(int port) throws Exception {
    byte[] body = Files.readAllBytes(REPO.resolve("samples/webhooks/github-push.json"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/v1alpha1/autobuild")).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    WebhookSigner.pushHeaders(GitProviders.GITHUB, SECRET, body).forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Polls kubectl until the only run has a final phase; returns it. */
  private static String awaitFinalPhase(Kubectl kubectl, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String phase = "";
    while (System.nanoTime() < deadline) {
      phase = kubectl.ok("get", "workflowruns", "-A", "-o", "jsonpath={.items[*].status.phase}").trim();
      if (phase.equals("Succeeded") || phase.equals("Failed")) {
        return phase;
      }
      Thread.sleep(250);
    }
    return phase;
  }

  private void stop(Dev dev, int port) throws Exception {
    // SIGTERM, as a supervisor sends (Process.destroy would also close our end of its output)
    new ProcessBuilder("kill", "-TERM", String.valueOf(dev.process().pid())).start().waitFor();
    assertThat(dev.process().waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
    String stopped;
    try {
      stopped = dev.awaitLine("stopped", 5);
    } catch (AssertionError none) {
      stopped = null;
    }
    // a failure here names what wfrun dev printed (it also shows when the test body failed before)
    assertThat(dev.process().exitValue()).as("exit code after SIGTERM; its output: %s", dev.seen()).isZero();
    assertThat(stopped).as("the stopped line; its output: %s", dev.seen()).isNotNull();
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).as("the gateway's port is free again").isEqualTo(port);
    }
  }

  @Test
  void aSignedPushBecomesASucceededRunAndAWorkload() throws Exception {
    int port = freePort();
    Path kubeconfig = dir.resolve("kubeconfig");
    Dev dev = start("--port", String.valueOf(port), "--kubeconfig", kubeconfig.toString(), "--step-seconds", "0.5",
        "--webhook-secret", "github=" + SECRET);
    try {
      String ready = dev.awaitLine("ready:", 90);
      assertThat(ready).contains("gateway http://127.0.0.1:" + port);
      assertThat(dev.seen()).noneMatch(line -> line.contains("warm-up run skipped"));
      Kubectl kubectl = new Kubectl(kubeconfig, dir.resolve("cache"));
      assertThat(kubectl.run("get", "workflowruns", "-A").err()).as("the warm-up run is gone")
          .contains("No resources found");

      assertThat(pushSample(port)).isEqualTo(200);

      assertThat(awaitFinalPhase(kubectl, 60)).isEqualTo("Succeeded");
      assertThat(kubectl.ok("get", "workflowruns", "-A")).contains("greeter-service", "docker", "Succeeded");
      String tasks = kubectl.ok("get", "workflowruns", "-A", "-o", "jsonpath={.items[0].status.tasks[*].name}");
      assertThat(tasks.trim()).isEqualTo("checkout-source build-image publish-image generate-workload-cr");
      String image = kubectl.ok("get", "workload", "greeter-service-workload", "-n", "default",
          "-o", "jsonpath={.spec.container.image}");
      assertThat(image).startsWith("registry.openchoreo-system.svc:5000/default-default-greeter-service:");
      // the build plane is its own API, reached through the agent's tunnel
      assertThat(kubectl.ok("get", "clusterworkflowplanes")).containsPattern("default\\s+default\\s+true");
      assertThat(kubectl.run("get", "workflows.argoproj.io", "-A").err()).contains("No resources found");
      Kubectl buildPlane = new Kubectl(dir.resolve("kubeconfig-build-plane"), dir.resolve("cache-build-plane"));
      assertThat(buildPlane.ok("get", "workflows.argoproj.io", "-A")).contains("Succeeded", "simulated by wfrun dev");
      assertThat(Files.readString(REPO.resolve("target/wfrun-dev/logs/cluster-agent.log")))
          .contains("agent: connected to wss://127.0.0.1:");

      // the run API, through the CLI, with the kubeconfig's token (it starts after ready:)
      assertThat(dev.awaitLine("run API http://127.0.0.1:", 60)).contains("wfrun runs");
      String run = kubectl.ok("get", "workflowruns", "-n", "default", "-o", "jsonpath={.items[0].metadata.name}").trim();
      String config = "--kubeconfig=" + kubeconfig;
      // admission, as a cluster does it: kubectl's writes go through wfrun's webhook, refused with every problem
      Path bad = dir.resolve("bad.yaml");
      Files.writeString(bad, """
          apiVersion: openchoreo.dev/v1alpha1
          kind: Workflow
          metadata: {name: bad, namespace: default}
          spec:
            ttlAfterCompletion: "1h30"
            parameters:
              openAPIV3Schema: {type: object, properties: {count: {type: integer}}}
            runTemplate:
              apiVersion: argoproj.io/v1alpha1
              kind: Workflow
              metadata: {name: "${metadata.workflowRunName}", namespace: "openchoreo-ci-${metadata.namespaceName}"}
              spec: {entrypoint: "${parameters.nope}", first: "${parameters.count.foo}", second: "${size(parameters.count)}"}
          """); // (not the issue's n, x, y: kubectl reads those keys as YAML 1.1 booleans)
      Kubectl.Result refused = kubectl.run("apply", "-f", bad.toString());
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.err()).contains("admission webhook \"config.admission.wfrun.dev\" denied the request",
          "spec.ttlAfterCompletion: invalid ttlAfterCompletion", "no such parameter \"nope\"",
          "does not support field selection", "found no matching overload for 'size'");
      assertThat(kubectl.run("get", "workflow", "bad", "-n", "default").err()).contains("NotFound");
      Path badRun = dir.resolve("bad-run.yaml");
      Files.writeString(badRun, """
          apiVersion: openchoreo.dev/v1alpha1
          kind: WorkflowRun
          metadata: {name: bad-parameters, namespace: default}
          spec:
            workflow: {name: docker, parameters: {repository: {url: "ftp://x", revision: {branch: 7}}}}
          """);
      Kubectl.Result runRefused = kubectl.run("apply", "-f", badRun.toString());
      assertThat(runRefused.exitCode()).isNotZero();
      assertThat(runRefused.err()).contains("runs.admission.wfrun.dev", "spec.workflow.parameters.repository.url",
          "spec.workflow.parameters.repository.revision.branch");
      assertThat(cli("runs", config)).contains(run, "Succeeded", "WorkflowSucceeded", "docker");
      assertThat(cli("logs", run, config)).contains("[checkout-source] checkout-source: started (simulated",
          "[generate-workload-cr] generate-workload-cr: done (simulated)");
      String rerun = cli("rerun", run, config);
      assertThat(rerun).startsWith("workflowrun default/" + run + "-rerun-").contains("(re-run of " + run + ")");
      // a run that waits (its plane does not exist) says why, and is cancelled whatever the machine's speed
      Path waits = dir.resolve("waits-for-plane.yaml");
      Files.writeString(waits, """
          apiVersion: openchoreo.dev/v1alpha1
          kind: Workflow
          metadata: {name: waits-for-plane, namespace: default}
          spec:
            workflowPlaneRef: {kind: WorkflowPlane, name: nowhere}
            runTemplate:
              apiVersion: argoproj.io/v1alpha1
              kind: Workflow
              metadata: {name: "${metadata.workflowRunName}", namespace: "openchoreo-ci-${metadata.namespaceName}"}
              spec: {serviceAccountName: workflow-sa, entrypoint: main, templates: [{name: main, container: {image: alpine}}]}
          """);
      kubectl.ok("apply", "-f", waits.toString());
      String waiting = cli("run", "waits-for-plane", config);
      String stuck = waiting.substring("workflowrun default/".length(), waiting.indexOf(' ', "workflowrun default/".length()));
      assertThat(awaitReason(kubectl, stuck, "WorkflowPlaneNotFound")).isEqualTo("WorkflowPlaneNotFound");
      assertThat(kubectl.ok("get", "workflowrun", stuck, "-n", "default")).contains("WorkflowPlaneNotFound");
      assertThat(cli("cancel", stuck, config)).contains("workflowrun default/" + stuck + " cancelled (kubernetes-admin)");
      assertThat(awaitReason(kubectl, stuck, "WorkflowCancelled")).isEqualTo("WorkflowCancelled");
      assertThat(cli("get", stuck, config)).contains(stuck + "  Failed  (WorkflowCancelled: cancelled by kubernetes-admin)");

      String started = cli("run", "docker", "--set", "repository.url=https://github.com/myorg/hello-world", "--watch",
          config);
      assertThat(started).containsPattern("workflowrun default/docker-run-\\w{5} created")
          .containsPattern("run docker-run-\\w{5}: Running checkout-source=(Running|Succeeded)")
          .containsPattern("docker-run-\\w{5}  Succeeded  \\(WorkflowSucceeded: ")
          .contains("generate-workload-cr=Succeeded");
      String built = cli("build", "greeter-service", "--commit", "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "--wait",
          config);
      assertThat(built).containsPattern("workflowrun default/greeter-service-build-\\d+(-\\d)? created \\(build of "
          + "greeter-service at 4b825dc642cb6eb9a060e54bf8d69288fbee4904\\)").contains("Succeeded");

      // a queue of 1: three builds run one after another, the waiting ones say their place, and
      // logs -f of the last one sees its lines while it runs
      kubectl.ok("annotate", "component", "greeter-service", "-n", "default", "wfrun.dev/max-concurrent-builds=1");
      List<String> queued = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String out = cli("build", "greeter-service", config);
        queued.add(out.substring("workflowrun default/".length(), out.indexOf(' ', "workflowrun default/".length())));
      }
      assertThat(awaitReason(kubectl, queued.get(2), "Queued")).isEqualTo("Queued");
      assertThat(kubectl.ok("get", "workflowrun", queued.get(2), "-n", "default", "-o", "wide"))
          .contains("Queued", "queued behind");
      Process follow = new ProcessBuilder(LAUNCHER.toString(), "logs", queued.get(2), "-f", config)
          .directory(REPO.toFile()).redirectErrorStream(true).start();
      Dev followed = follow(follow);
      followed.awaitLine("20", 90); // the first timestamped line
      java.time.Instant firstLineSeen = java.time.Instant.now();
      assertThat(follow.waitFor(90, TimeUnit.SECONDS)).as("logs -f ends when the run completes").isTrue();
      followed.lines().drainTo(followed.seen());
      assertThat(follow.exitValue()).as("logs -f: %s", followed.seen()).isZero();
      String done = followed.seen().stream().filter(l -> l.contains("generate-workload-cr: done")).findFirst()
          .orElseThrow(() -> new AssertionError("no last step line in " + followed.seen()));
      assertThat(firstLineSeen).as("the first line came before the last step wrote its line")
          .isBefore(java.time.Instant.parse(done.substring(0, done.indexOf(' '))));
      for (String name : queued) {
        assertThat(awaitReason(kubectl, name, "WorkflowSucceeded")).isEqualTo("WorkflowSucceeded");
      }
      for (int i = 1; i < queued.size(); i++) {
        String previousEnd = kubectl.ok("get", "workflowrun", queued.get(i - 1), "-n", "default",
            "-o", "jsonpath={.status.completedAt}").trim();
        String start = kubectl.ok("get", "workflowrun", queued.get(i), "-n", "default",
            "-o", "jsonpath={.status.startedAt}").trim();
        assertThat(java.time.Instant.parse(start)).as("run %d starts after run %d ended", i + 1, i)
            .isAfterOrEqualTo(java.time.Instant.parse(previousEnd));
      }

      // cancel mid-run: a run whose step takes two minutes is stopped while it runs
      Path slow = dir.resolve("slow.yaml");
      Files.writeString(slow, """
          apiVersion: openchoreo.dev/v1alpha1
          kind: Workflow
          metadata: {name: slow, namespace: default}
          spec:
            runTemplate:
              apiVersion: argoproj.io/v1alpha1
              kind: Workflow
              metadata:
                name: "${metadata.workflowRunName}"
                namespace: "openchoreo-ci-${metadata.namespaceName}"
                annotations: {wfrun.dev/simulated-step-seconds: "120"}
              spec:
                serviceAccountName: workflow-sa
                entrypoint: main
                templates:
                - {name: main, steps: [[{name: work, template: work}]]}
                - {name: work, container: {image: alpine}}
          """);
      kubectl.ok("apply", "-f", slow.toString());
      String slowOut = cli("run", "slow", config);
      String slowRun = slowOut.substring("workflowrun default/".length(), slowOut.indexOf(' ', "workflowrun default/".length()));
      assertThat(awaitPhase(kubectl, slowRun, "Running")).isEqualTo("Running");
      assertThat(cli("cancel", slowRun, config)).contains("cancelled");
      assertThat(awaitReason(kubectl, slowRun, "WorkflowCancelled")).isEqualTo("WorkflowCancelled");
      assertThat(buildPlane.ok("get", "workflows.argoproj.io", slowRun, "-n", "openchoreo-ci-default",
          "-o", "jsonpath={.spec.shutdown}")).isEqualTo("Stop");
      long stopDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      String stopped = "";
      while (System.nanoTime() < stopDeadline && !stopped.contains("Stopped")) {
        stopped = buildPlane.ok("get", "workflows.argoproj.io", slowRun, "-n", "openchoreo-ci-default",
            "-o", "jsonpath={.status.message}");
        Thread.sleep(200);
      }
      assertThat(stopped).as("the step was stopped, not left to run its two minutes")
          .isEqualTo("Stopped with strategy 'Stop'");
    } finally {
      stop(dev, port);
    }
  }

  /** Polls the run's phase until it is {@code wanted} (or 30 s pass); returns the last one. */
  private static String awaitPhase(Kubectl kubectl, String run, String wanted) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String phase = "";
    while (System.nanoTime() < deadline && !phase.equals(wanted)) {
      phase = kubectl.ok("get", "workflowrun", run, "-n", "default", "-o", "jsonpath={.status.phase}").trim();
      Thread.sleep(200);
    }
    return phase;
  }

  /** Polls the run's WorkflowCompleted reason until it is {@code wanted} (or 30 s pass); returns the last one. */
  private static String awaitReason(Kubectl kubectl, String run, String wanted) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String reason = "";
    while (System.nanoTime() < deadline && !reason.equals(wanted)) {
      reason = kubectl.ok("get", "workflowrun", run, "-n", "default",
          "-o", "jsonpath={.status.conditions[?(@.type==\"WorkflowCompleted\")].reason}").trim();
      Thread.sleep(200);
    }
    return reason;
  }

  /** Runs the CLI from the repository (where wfrun dev wrote the run API's URL); its output, or the failure. */
  private static String cli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("wfrun %s: %s", String.join(" ", args), out).isZero();
    return out;
  }

  /** The functions child's process, found among wfrun dev's descendants. */
  private static ProcessHandle functionsChild(Dev dev) {
    return dev.process().toHandle().descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("functions/app/target/quarkus-app"))
        .findFirst().orElseThrow(() -> new AssertionError("no functions child among " + dev.process().toHandle()
            .descendants().map(p -> p.info().commandLine().orElse("?")).toList()));
  }

  @Test
  void aPushWhileTheFunctionsAreDownIsAnsweredOnlyOnceItsRunExistsAndTheRunCompletesAfterTheRestart()
      throws Exception {
    int port = freePort();
    Path kubeconfig = dir.resolve("kubeconfig");
    Dev dev = start("--port", String.valueOf(port), "--kubeconfig", kubeconfig.toString(), "--step-seconds", "0.2",
        "--webhook-secret", "github=" + SECRET);
    try {
      dev.awaitLine("ready:", 90);
      Kubectl kubectl = new Kubectl(kubeconfig, dir.resolve("cache"));
      ProcessHandle functions = functionsChild(dev);
      new ProcessBuilder("kill", "-KILL", String.valueOf(functions.pid())).start().waitFor();
      assertThat(functions.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();

      assertThat(pushSample(port)).as("answered while create-runs is down").isEqualTo(200);
      assertThat(kubectl.ok("get", "workflowruns", "-A", "-o", "name")).as("the run exists once answered")
          .contains("workflowrun.openchoreo.dev/greeter-service-run-");

      assertThat(dev.awaitLine("functions exited with code", 20)).contains("restarting in 1s (restart 1)");
      dev.awaitLine("functions restarted and ready (restart 1)", 60);
      assertThat(awaitFinalPhase(kubectl, 90)).isEqualTo("Succeeded");
      assertThat(dev.seen()).noneMatch(line -> line.startsWith("dead letter:"));
    } finally {
      stop(dev, port);
    }
  }

  @Test
  void sigintStopsItAlsoWhenStartedInTheBackgroundOfAScript() throws Exception {
    int port = freePort();
    // a non-interactive shell's `cmd &` starts cmd with SIGINT ignored; so does this
    Process process = new ProcessBuilder("sh", "-c", "trap '' INT; exec \"$0\" dev --port " + port
        + " --kubeconfig " + dir.resolve("kubeconfig") + " --webhook-secret github=" + SECRET, LAUNCHER.toString())
        .directory(REPO.toFile()).redirectErrorStream(true).start();
    Dev dev = follow(process);
    try {
      dev.awaitLine("ready:", 90);
      new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
      assertThat(process.exitValue()).isZero();
      dev.awaitLine("stopped", 5);
      // stopped right after ready:, while the run API still starts: that is no failure to report
      assertThat(dev.seen()).noneMatch(line -> line.contains("did not start"));
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aFailingStepFailsTheRunAndMakesNoWorkload() throws Exception {
    int port = freePort();
    Path kubeconfig = dir.resolve("kubeconfig");
    Dev dev = start("--port", String.valueOf(port), "--kubeconfig", kubeconfig.toString(), "--step-seconds", "0.5",
        "--webhook-secret", "github=" + SECRET, "--fail-step", "build-image", "--single-api");
    try {
      dev.awaitLine("ready:", 90);
      assertThat(dev.seen()).as("the warm-up run ignores --fail-step")
          .noneMatch(line -> line.contains("warm-up run skipped"));
      Kubectl kubectl = new Kubectl(kubeconfig, dir.resolve("cache"));
      assertThat(pushSample(port)).isEqualTo(200);

      assertThat(awaitFinalPhase(kubectl, 60)).isEqualTo("Failed");
      String phases = kubectl.ok("get", "workflowruns", "-A", "-o", "jsonpath={.items[0].status.tasks[*].phase}");
      assertThat(phases.trim()).isEqualTo("Succeeded Failed");
      assertThat(kubectl.run("get", "workload", "greeter-service-workload", "-n", "default").err())
          .contains("NotFound");
      assertThat(dev.seen()).anyMatch(line -> line.startsWith("ready:") && !line.contains("cluster agent"));
      assertThat(kubectl.ok("get", "workflows.argoproj.io", "-A")).as("--single-api: one API holds the build plane")
          .contains("Failed", "(simulated)");
    } finally {
      stop(dev, port);
    }
  }

  @Test
  void recordingArchivesStartsOnceAndExitsZeroWithTheChildArchivesKept() throws Exception {
    Dev dev = start("--record-archives");
    assertThat(dev.process().waitFor(120, TimeUnit.SECONDS)).as("started and stopped again").isTrue();
    assertThat(dev.process().exitValue()).isZero();
    assertThat(dev.awaitLine("ready:", 5)).contains("incl. a");
    assertThat(dev.awaitLine("recorded:", 5)).contains("target/wfrun-dev/cds");
    // a child runs on the AOT cache mvn package trained when a JDK 25 made one, else on a recorded archive
    try (var files = Files.list(REPO.resolve("target/wfrun-dev/cds"))) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      for (String[] child : new String[][] {{"functions", "functions/app"}, {"gateway", "gateway"},
          {"run-api", "gateway"}, {"cluster-gateway", "gateway/cluster-gateway"}}) {
        boolean trained = Files.isRegularFile(REPO.resolve(child[1] + "/target/quarkus-app/app.aot"))
            && Jdk25.find().isPresent();
        assertThat(names.stream().anyMatch(n -> n.startsWith(child[0] + "-") && n.endsWith(".jsa")))
            .as("a recorded archive for the %s child (%s)", child[0], trained ? "none: it has its AOT cache" : "JDK 17")
            .isEqualTo(!trained);
      }
      assertThat(names).noneMatch(n -> n.endsWith(".recording"));
    }
  }

  @Test
  void aPortInUseIsOneClearLine() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Dev dev = start("--port", String.valueOf(busy.getLocalPort()));
      assertThat(dev.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(dev.process().exitValue()).isEqualTo(2);
      assertThat(dev.awaitLine("wfrun dev:", 5))
          .isEqualTo("wfrun dev: port " + busy.getLocalPort() + " is in use (choose another with --port)");
    }
  }

  @Test
  void aMissingBuildIsOneClearLine() throws Exception {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve("knative"));
    Files.createDirectories(repo.resolve("samples"));
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    Dev dev = start("--repo", repo.toString(), "--port", String.valueOf(freePort()));
    assertThat(dev.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(dev.process().exitValue()).isEqualTo(2);
    assertThat(dev.awaitLine("wfrun dev:", 5)).isEqualTo("wfrun dev: missing build: "
        + "functions/app/target/quarkus-app/quarkus-run.jar not found; build first with: mvn -B -DskipTests package");
  }

  @Test
  void aBrokenSampleIsOneClearLineAndStartsNothing() throws Exception {
    Path repo = dir.resolve("repo");
    for (String jar : List.of("functions/app/target/quarkus-app/quarkus-run.jar",
        "gateway/target/quarkus-app/quarkus-run.jar", "gateway/cluster-gateway/target/quarkus-app/quarkus-run.jar")) {
      Files.createDirectories(repo.resolve(jar).getParent());
      Files.writeString(repo.resolve(jar), "not started");
    }
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    Files.createDirectories(repo.resolve("knative"));
    try (var files = Files.list(REPO.resolve("knative"))) {
      for (Path f : files.toList()) {
        Files.copy(f, repo.resolve("knative").resolve(f.getFileName()));
      }
    }
    Files.createDirectories(repo.resolve("samples"));
    Files.writeString(repo.resolve("samples/workflow.yaml"), """
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: broken, namespace: default}
        spec:
          ttlAfterCompletion: soon
          runTemplate: {apiVersion: argoproj.io/v1alpha1, kind: Workflow}
        """);
    Dev dev = start("--repo", repo.toString(), "--port", String.valueOf(freePort()));
    assertThat(dev.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(dev.process().exitValue()).isEqualTo(2);
    assertThat(dev.awaitLine("wfrun dev:", 5)).startsWith("wfrun dev: broken sample: ")
        .contains("Workflow/broken").contains("ttlAfterCompletion");
  }
}
