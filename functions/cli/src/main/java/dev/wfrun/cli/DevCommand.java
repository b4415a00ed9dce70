package dev.wfrun.cli;

import dev.wfrun.dev.DevEnvironment;
import dev.wfrun.dev.DevException;
import dev.wfrun.dev.DevOptions;
import dev.wfrun.dev.Ports;
import dev.wfrun.dev.Deployables;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wfrun dev}: the whole system on this machine, no cluster. */
@Command(
    name = "dev",
    description = {
      "Run wfrun locally: the gateway and the functions app (the deployed artifacts) as child processes,",
      "an embedded Kubernetes API that kubectl can use, the Knative Eventing of knative/ played locally,",
      "and a SIMULATED build plane that advances Argo Workflows step by step, in its own API behind the",
      "real cluster agent and cluster gateway (mTLS WebSockets on loopback; --single-api: one API, no tunnel).",
      "Prints one line starting with 'ready:' when everything answers; Ctrl-C stops everything."
    })
final class DevCommand implements Callable<Integer> {
  @Option(names = "--port", description = "Gateway port (default 8080; with --record-archives, any free port).")
  Integer port;

  @Option(names = "--api-port", defaultValue = "0", description = "Embedded API port (default: any free port).")
  int apiPort;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Where to write the kubeconfig "
      + "(default: target/wfrun-dev/kubeconfig in the repository).")
  Path kubeconfig;

  @Option(names = "--webhook-secret", paramLabel = "PROVIDER=SECRET", description = "A webhook secret "
      + "(github=, gitlab=, bitbucket=, gitea=, forgejo=); default: the values in samples/platform/git-webhook-secrets.yaml.")
  Map<String, String> webhookSecrets = new LinkedHashMap<>();

  @Option(names = "--step-seconds", defaultValue = "2", description = "How long each simulated build step takes "
      + "(default ${DEFAULT-VALUE}).")
  double stepSeconds;

  @Option(names = "--fail-step", paramLabel = "STEP", description = "Make this simulated build step fail "
      + "(e.g. build-image).")
  String failStep;

  @Option(names = "--ping-speedup", defaultValue = "1", description = "Run PingSource schedules this many times "
      + "faster (60: ttl-cleanup every second).")
  double pingSpeedUp;

  @Option(names = "--demo", description = "Send the signed sample GitHub push and show the run until done.")
  boolean demo;

  @Option(names = "--record-archives", description = "Start once, record the class-data archives that later "
      + "starts map, and stop (the build does this after package; its kubeconfig and logs go to "
      + "target/wfrun-dev/record).")
  boolean recordArchives;

  @Option(names = "--single-api", description = "Keep the build plane in the control plane's API, reached "
      + "directly (a single-cluster install), instead of its own API behind the cluster agent and gateway.")
  boolean singleApi;

  @Option(names = "--repo", paramLabel = "DIR", description = "The wfrun checkout (default: found from the "
      + "current directory).")
  Path repo;

  @Override
  public Integer call() throws InterruptedException {
    Path root = repo != null ? Deployables.findRepo(repo) : Deployables.findRepo(Path.of(""));
    Path workDir = root.resolve("target/wfrun-dev");
    if (stepSeconds < 0) {
      throw new DevException("--step-seconds: must not be negative, got " + stepSeconds);
    }
    // a recording run keeps clear of a wfrun dev that may be running: its own port, kubeconfig and logs
    Path runDir = recordArchives ? workDir.resolve("record") : workDir;
    int gatewayPort = port != null ? port : recordArchives ? Ports.free() : 8080;
    DevOptions options = new DevOptions(root, gatewayPort, apiPort,
        kubeconfig != null ? kubeconfig.toAbsolutePath() : runDir.resolve("kubeconfig"), webhookSecrets,
        Duration.ofMillis(Math.round(stepSeconds * 1000)), Optional.ofNullable(failStep), pingSpeedUp, runDir,
        workDir.resolve("cds"), singleApi);
    PrintStream out = System.out;
    if (recordArchives) {
      DevEnvironment.start(options, out).close();
      out.println("recorded: the class-data archives of this build (" + workDir.resolve("cds")
          + " and the launcher's)");
      return 0;
    }
    // SIGINT (Ctrl-C) and SIGTERM run the shutdown hooks. While running, this one stops everything, says
    // so, and ends the process with 0 (a stop that was asked for is not a failure; the JVM would report
    // 130 or 143); during start it stops what was started so far; after a failed start it does nothing
    // (the exit code stays the error's)
    java.util.concurrent.atomic.AtomicReference<DevEnvironment> current = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
    Thread hook = new Thread(() -> {
      DevEnvironment started = current.get();
      if (started == null) {
        return;
      }
      if (!running.get()) {
        started.close();
        return;
      }
      out.println("stopping: gateway, functions, " + (singleApi ? "" : "cluster gateway and agent, ")
          + "eventing, build plane, API");
      started.close();
      out.println("stopped");
      out.flush();
      Runtime.getRuntime().halt(0);
    }, "wfrun-dev-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    DevEnvironment env;
    try {
      env = DevEnvironment.start(options, out, current::set);
    } catch (DevException e) {
      current.set(null); // start stopped everything already
      throw e;
    }
    running.set(true);
    if (demo) {
      Thread demoThread = new Thread(() -> {
        try {
          env.demo();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (DevException e) {
          out.println("demo: " + e.getMessage());
        }
      }, "wfrun-dev-demo");
      demoThread.setDaemon(true);
      demoThread.start();
    }
    new CountDownLatch(1).await(); // until a signal ends the process
    return 0;
  }
}
