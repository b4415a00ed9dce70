package dev.wfrun.dev;

import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.dev.api.EmbeddedApiServer;
import dev.wfrun.dev.buildplane.SimulatedBuildPlane;
import dev.wfrun.dev.eventing.ApiServerSources;
import dev.wfrun.dev.eventing.DeadLetterLog;
import dev.wfrun.dev.eventing.KnativeManifests;
import dev.wfrun.dev.eventing.LocalBroker;
import dev.wfrun.dev.eventing.PingSources;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wfrun dev}: the real deployables (functions app, gateway) as child processes, and around
 * them the embedded API, the local Knative Eventing stand-in read from {@code knative/}, and the
 * simulated build plane. Everything started is stopped again by {@link #close()}, also when
 * starting fails half-way.
 */
public final class DevEnvironment implements AutoCloseable {
  /** The run objects the build plane holds, as kubectl names them ({@code <plural>.<group>}). */
  private static final String RUN_OBJECTS = dev.wfrun.core.tunnel.RunObjectChanges.watchedType().plural() + "."
      + dev.wfrun.core.tunnel.RunObjectChanges.watchedType().group();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private final DevOptions options;
  private final PrintStream out;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private volatile boolean closed;
  private EmbeddedApiServer api;
  private String gatewayUrl;
  private Map<String, String> secrets;

  private DevEnvironment(DevOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Starts everything and prints the {@code ready:} line; throws {@link DevException} with nothing left running. */
  public static DevEnvironment start(DevOptions options, PrintStream out) {
    return start(options, out, env -> { });
  }

  /**
   * As {@link #start(DevOptions, PrintStream)}, handing the environment to {@code created} before it
   * starts anything, so a signal during start can {@link #close()} what was started so far (whatever
   * start would still add is then stopped at once, and start ends with a {@link DevException}).
   */
  public static DevEnvironment start(DevOptions options, PrintStream out,
      java.util.function.Consumer<DevEnvironment> created) {
    LoopbackHttp.noDelay();
    DevEnvironment env = new DevEnvironment(options, out);
    created.accept(env);
    try {
      env.boot();
      return env;
    } catch (RuntimeException | IOException e) {
      env.close();
      throw e instanceof DevException d ? d : new DevException(e.getMessage(), e);
    } catch (InterruptedException e) {
      env.close();
      Thread.currentThread().interrupt();
      throw new DevException("interrupted while starting", e);
    }
  }

  private void boot() throws IOException, InterruptedException {
    long begin = System.nanoTime();
    Path repo = options.repo();
    Deployables deployables = Deployables.in(repo);
    Ports.requireFree(options.port(), "--port");
    if (options.apiPort() != 0) {
      Ports.requireFree(options.apiPort(), "--api-port");
    }
    KnativeManifests knative = KnativeManifests.read(repo.resolve("knative"));
    Files.createDirectories(options.workDir());

    // the children take longest to start: they start as soon as the API listens, and the rest is
    // built meanwhile (a broken sample stops everything started so far)
    api = track(EmbeddedApiServer.listen(Clock.systemUTC()));
    // every child talks as its own ServiceAccount, with the RBAC of knative/ (as on a real cluster)
    api.applyRbac(repo.resolve("knative"));
    Path direct = options.workDir().resolve("kubeconfig-functions");
    Kubeconfig.write(direct, api.directUrl(), api.tokenFor("wfrun-resync"));
    Path tokens = ServiceAccountTokens.write(options.workDir().resolve("tokens"), api,
        knative.functionServiceAccounts());
    Path gatewayKubeconfig = options.workDir().resolve("kubeconfig-gateway");
    Kubeconfig.write(gatewayKubeconfig, api.directUrl(), api.tokenFor("wfrun-gateway"));
    int functionsPort = Ports.freeExcept(options.port(), options.apiPort());
    String functionsUrl = "http://127.0.0.1:" + functionsPort;
    DeadLetterLog deadLetters = new DeadLetterLog(options.workDir().resolve("dead-letters.jsonl"), out);
    LocalBroker broker = track(new LocalBroker(knative, trigger -> subscriber(trigger, knative, functionsUrl),
        deadLetters, 0));
    // the build plane behind a firewall: its own API, reached through the cluster gateway and agent
    TunnelledBuildPlane tunnel = options.singleApi() ? null
        : track(TunnelledBuildPlane.prepare(options.workDir().resolve("tunnel"), options.port(), options.apiPort(),
            functionsPort));

    Path logs = options.workDir().resolve("logs");
    Map<String, String> functionsEnv = new java.util.HashMap<>(Map.of("KUBECONFIG", direct.toString(),
        "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false", "WFRUN_KUBERNETES_SERVICE_ACCOUNT_TOKEN_DIR", tokens.toString()));
    // the functions render once while the gateway still starts; the warm-up run does the rest
    functionsEnv.put("WFRUN_WARMUP_ENABLED", "true");
    if (tunnel != null) {
      functionsEnv.put("WFRUN_CLUSTER_GATEWAY_URL", tunnel.internalUrl());
    }
    ChildProcess functions = track(ChildProcess.start("functions", deployables.functionsJar(), functionsPort,
        functionsEnv, logs, options.archives()));
    Map<String, String> gatewayEnv = new java.util.HashMap<>(Map.of("KUBECONFIG", gatewayKubeconfig.toString(),
        "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
    gatewayEnv.put("WFRUN_GATEWAY_BROKER_URL", broker.url());
    // as knative/ deploys it: the webhook gateway serves no Workload or run API (its ServiceAccount only
    // creates WorkflowRuns); the same jar serves them as wfrun-workload-api, below
    gatewayEnv.put("WFRUN_GATEWAY_WORKLOAD_API_ENABLED", "false");
    ChildProcess gateway = track(ChildProcess.start("gateway", deployables.gatewayJar(), options.port(), gatewayEnv,
        logs, options.archives()));
    gatewayUrl = gateway.url();
    Path runApiKubeconfig = options.workDir().resolve("kubeconfig-run-api");
    Kubeconfig.write(runApiKubeconfig, api.directUrl(), api.tokenFor("wfrun-workload-api"));
    Map<String, String> runApiEnv = new java.util.HashMap<>(Map.of("KUBECONFIG", runApiKubeconfig.toString(),
        "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false", "WFRUN_GATEWAY_AUTOBUILD_ENABLED", "false"));
    if (tunnel != null) {
      runApiEnv.put("WFRUN_CLUSTER_GATEWAY_URL", tunnel.internalUrl());
    }
    // the console is open on loopback in wfrun dev: a page without a token acts as the administrator
    Path consoleToken = options.workDir().resolve("console-token");
    Files.writeString(consoleToken, api.adminToken());
    try {
      Files.setPosixFilePermissions(consoleToken, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // the file is under the user's own work directory either way
    }
    runApiEnv.put("WFRUN_CONSOLE_LOOPBACK_TOKEN_FILE", consoleToken.toString());
    runApiEnv.put("WFRUN_ADMISSION_ENABLED", "true"); // kubectl's writes are admitted by it, as in a cluster
    int runApiPort = Ports.freeExcept(options.port(), options.apiPort(), functionsPort);
    ChildProcess clusterGateway = null;
    if (tunnel != null) {
      Path clusterGatewayKubeconfig = options.workDir().resolve("kubeconfig-cluster-gateway");
      Kubeconfig.write(clusterGatewayKubeconfig, api.directUrl(), api.tokenFor("wfrun-cluster-gateway"));
      clusterGateway = track(ChildProcess.start("cluster-gateway", deployables.clusterGatewayJar(),
          tunnel.internalPort(), tunnel.gatewayEnvironment(clusterGatewayKubeconfig, broker.url()), logs,
          options.archives()));
    }

    api.serveKubectl(options.apiPort());
    Kubeconfig.write(options.kubeconfig(), api.url(), api.adminToken(), api.tls().authorityData());
    List<Manifest> samples = SampleLoader.read(repo.resolve("samples"));
    secrets = SampleLoader.webhookSecrets(samples, options.webhookSecrets());
    api.installCrds();
    EmbeddedApiServer buildApi = tunnel == null ? api : tunnel.startApi(repo);
    List<Manifest> controlSamples = samples.stream().filter(m -> tunnel == null
        || !SimulatedBuildPlane.holds(m.apiVersion())).toList();
    int loaded = SampleLoader.load(api.client(), api.catalog(), controlSamples, options.webhookSecrets());
    if (tunnel != null) {
      loaded += SampleLoader.load(buildApi.client(), buildApi.catalog(), samples.stream()
          .filter(m -> SimulatedBuildPlane.holds(m.apiVersion())).toList(), Map.of());
      tunnel.publishCa(api.client());
      // the agent dials from now on, while the children finish starting
      tunnel.startAgent(logs.resolve("cluster-agent.log"));
      Kubeconfig.write(buildPlaneKubeconfig(), buildApi.url(), buildApi.adminToken(), buildApi.tls().authorityData());
    }
    WarmUpRun warmUpRun = WarmUpRun.prepare(repo, samples, api.client(), api.catalog());
    SimulatedBuildPlane buildPlane = track(new SimulatedBuildPlane(buildApi.client(), options.stepDuration(),
        options.failStep(), Optional.of(repo.resolve("samples/workload/workload.yaml")), Clock.systemUTC(), out,
        buildApi.podLogs()));
    awaitReady(functions);
    // the event sources feed the functions only: they start while the gateway finishes starting
    track(new ApiServerSources(knative.apiServerSources(), api.clientAs("wfrun-apiserver-sources"), api.catalog(),
        "https://kubernetes.default.svc",
        broker::publish));
    track(new PingSources(knative.pingSources(), options.pingSpeedUp(), broker::publish));
    warmUpRun.primeEventPaths(broker);
    awaitReady(gateway);
    if (clusterGateway != null) {
      awaitReady(clusterGateway);
      awaitAgent(clusterGateway);
    }
    requireApiAnswers();
    long warmUp = System.nanoTime();
    Optional<String> skipped = warmUpRun.run(gatewayUrl, secrets.get("github"), broker, buildPlane);
    skipped.ifPresent(why -> out.println("warm-up run skipped (" + why + "); the first push may take longer"));
    functions.served();
    gateway.served();
    // as a kubelet would: a child that exits is restarted; the Broker holds its events meanwhile
    URI functionsBase = URI.create(functionsUrl);
    functions.supervise(out, up -> broker.subscriberAvailable(functionsBase, up));
    gateway.supervise(out, up -> { });
    if (clusterGateway != null) {
      clusterGateway.served();
      clusterGateway.supervise(out, up -> { });
    }

    // spawned before ready: is printed, so a signal right after that line finds it tracked and stops it
    startRunApi(deployables, runApiPort, runApiEnv, logs);
    double seconds = (System.nanoTime() - begin) / 1e9;
    out.printf("ready: gateway %s, api %s (%d samples loaded, build plane SIMULATED%s, %.1fs%s)%n", gatewayUrl,
        api.url(), loaded, tunnel == null ? "" : " behind a cluster agent and gateway", seconds,
        skipped.isPresent() ? "" : String.format(" incl. a %.1fs warm-up run", (System.nanoTime() - warmUp) / 1e9));
    out.println("  kubectl --kubeconfig " + options.kubeconfig() + " get workflowruns -A -w");
    if (tunnel != null) {
      out.println("  kubectl --kubeconfig " + options.kubeconfig() + " get clusterworkflowplanes   (the agent's connection)");
      out.println("  kubectl --kubeconfig " + buildPlaneKubeconfig() + " get " + RUN_OBJECTS + " -A   (the build plane)");
    }
    out.println("  logs: " + logs + "  dead letters: " + deadLetters.file());
  }

  /**
   * The run API (the gateway jar as wfrun-workload-api), spawned once everything else is ready and
   * not waited for, so a fourth JVM's start does not delay {@code ready:}; its line and
   * {@value #RUN_API_FILE} follow when it answers (the run commands read that file).
   */
  private void startRunApi(Deployables deployables, int port, Map<String, String> env, Path logs) {
    java.nio.file.Path file = options.workDir().resolve(RUN_API_FILE);
    try {
      java.nio.file.Files.deleteIfExists(file);
    } catch (IOException e) {
      out.println("run API: cannot clear " + file + ": " + e.getMessage());
    }
    ChildProcess runApi = track(ChildProcess.start("run-api", deployables.gatewayJar(), port, env, logs,
        options.archives()));
    Thread starter = new Thread(() -> {
      try {
        awaitReady(runApi);
        java.nio.file.Files.writeString(file, runApi.url() + "\n");
        api.admissionWebhook(java.net.URI.create(runApi.url() + "/admission/validate"));
        runApi.served();
        runApi.supervise(out, up -> { });
        out.println("run API " + runApi.url() + ": wfrun runs, wfrun logs RUN, wfrun cancel RUN, wfrun rerun RUN;"
            + " console " + runApi.url() + "/console");
      } catch (IOException | RuntimeException e) {
        if (!closed) { // stopping while it still starts is no failure of its own
          out.println("run API did not start: " + e.getMessage()); // the message names its log
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "wfrun-dev-run-api");
    starter.setDaemon(true);
    starter.start();
  }

  /** Where the run API's URL is written once it answers ({@code wfrun runs} and the others read it). */
  public static final String RUN_API_FILE = "run-api.url";

  /** The build plane's kubeconfig (tunnel mode): its own API, as an administrator. */
  private Path buildPlaneKubeconfig() {
    return options.kubeconfig().resolveSibling(options.kubeconfig().getFileName() + "-build-plane");
  }

  /** Until the gateway has written the agent's connection on the plane (runs would wait for it). */
  private void awaitAgent(ChildProcess clusterGateway) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!TunnelledBuildPlane.connected(api.client())) {
      if (System.nanoTime() > deadline) {
        throw new DevException("the cluster agent did not connect within " + READY_TIMEOUT.toSeconds() + "s; see "
            + clusterGateway.log().resolveSibling("cluster-agent.log") + " and " + clusterGateway.log());
      }
      Thread.sleep(20);
    }
  }

  private static URI subscriber(KnativeManifests.Trigger trigger, KnativeManifests knative, String functionsUrl) {
    if (trigger.subscriberUri() != null && !trigger.subscriberUri().isEmpty()) {
      return URI.create(trigger.subscriberUri());
    }
    if (knative.functionServices().contains(trigger.subscriberService())) {
      return URI.create(functionsUrl + "/");
    }
    throw new DevException("trigger " + trigger.name() + ": subscriber " + trigger.subscriberService()
        + " is not a wfrun function Service in knative/");
  }

  private static void awaitReady(ChildProcess child) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!child.ready()) {
      if (System.nanoTime() > deadline) {
        throw new DevException("not ready after " + READY_TIMEOUT.toSeconds() + "s; see " + child.log());
      }
      Thread.sleep(50);
    }
  }

  private void requireApiAnswers() throws InterruptedException {
    try {
      HttpClient.newBuilder().sslContext(api.tls().clientContext()).build()
          .send(HttpRequest.newBuilder(URI.create(api.url() + "/version")).build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new DevException("embedded API does not answer: " + e.getMessage(), e);
    }
  }

  /** {@code --demo}: posts the signed sample push, then shows the run until it is done. */
  public String demo() throws InterruptedException {
    String secret = secrets.get("github");
    if (secret == null || secret.isEmpty()) {
      throw new DevException("no GitHub webhook secret to sign the demo push with (set github-secret in "
          + "samples/platform/git-webhook-secrets.yaml or pass --webhook-secret github=...)");
    }
    out.println("demo: POST " + DemoPush.SAMPLE + " (signed) -> " + gatewayUrl + "/api/v1alpha1/autobuild");
    out.println("demo: gateway answered " + DemoPush.send(options.repo(), gatewayUrl, secret));
    Duration timeout = options.stepDuration().multipliedBy(20).plusSeconds(60);
    String phase = new RunProgress(api.client(), out).follow(timeout);
    out.println(phase.isEmpty() ? "demo: no run finished within " + timeout.toSeconds() + "s"
        : "demo: done (" + phase + "); the system keeps running, Ctrl-C stops it");
    return phase;
  }

  public String gatewayUrl() {
    return gatewayUrl;
  }

  public EmbeddedApiServer api() {
    return api;
  }

  private synchronized <T extends AutoCloseable> T track(T resource) {
    if (closed) {
      try {
        resource.close();
      } catch (Exception e) {
        out.println("stopping: " + e.getMessage());
      }
      throw new DevException("stopped while starting");
    }
    started.push(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    closed = true;
    // the agent leaves first (it would dial a stopping gateway again), then the children stop side by
    // side (a first run of a build also writes their class-data archives)
    started.stream().filter(TunnelledBuildPlane.class::isInstance).map(TunnelledBuildPlane.class::cast)
        .forEach(TunnelledBuildPlane::stopAgent);
    started.stream().filter(ChildProcess.class::isInstance).map(ChildProcess.class::cast).forEach(ChildProcess::stop);
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        out.println("stopping: " + e.getMessage());
      }
    }
  }
}
