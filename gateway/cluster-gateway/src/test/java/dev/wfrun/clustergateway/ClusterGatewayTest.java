package dev.wfrun.clustergateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.agent.AgentOptions;
import dev.wfrun.agent.ClusterAgent;
import dev.wfrun.agent.TestPki;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.tunnel.AgentRouter;
import dev.wfrun.core.tunnel.PlaneKey;
import dev.wfrun.core.tunnel.ProxyPath;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster gateway end to end: a real agent dials it over mTLS WebSockets on loopback, and a
 * fabric8 client reaches the separate build plane through its proxy path, as the functions will.
 */
@QuarkusTest
@QuarkusTestResource(value = TunnelWorld.class, restrictToAnnotatedClass = true)
class ClusterGatewayTest {
  private final List<ClusterAgent> agents = new ArrayList<>();
  private final ByteArrayOutputStream agentLog = new ByteArrayOutputStream();
  private static ByteArrayOutputStream LAST_LOG;

  @AfterEach
  void stopAgents() {
    agents.forEach(ClusterAgent::close);
  }

  private ClusterAgent agent(String name, TestPki pki, String planeId) throws Exception {
    return agent(name, pki, planeId, false);
  }

  /** @param streams whether the agent announces wfrun's stream extension (false: a stock upstream agent) */
  private ClusterAgent agent(String name, TestPki pki, String planeId, boolean streams) throws Exception {
    LAST_LOG = agentLog;
    Path dir = Files.createDirectories(TunnelWorld.dir.resolve(name));
    Path[] cert = pki.issue(dir, "agent", KeyPurposeId.id_kp_clientAuth);
    Path token = dir.resolve("token");
    Files.writeString(token, TunnelWorld.build.tokenFor(ApiServers.BUILD_PLANE_ACCOUNT));
    AgentOptions options = new AgentOptions(URI.create("wss://127.0.0.1:" + TunnelWorld.sslPort), "workflowplane",
        planeId, cert[0], cert[1], TunnelWorld.dir.resolve("ca.crt"), URI.create(TunnelWorld.build.url() + "/"), token,
        dir.resolve("none"), Duration.ofSeconds(90), Duration.ofMillis(100), Duration.ofMillis(500), streams);
    AgentRouter router = new AgentRouter(options.apiServer(), () -> TunnelWorld.readToken(token), HttpClient.newHttpClient(),
        Duration.ofSeconds(10));
    ClusterAgent agent = new ClusterAgent(options, router, new PrintStream(agentLog, true, StandardCharsets.UTF_8),
        Clock.systemUTC()).start();
    agents.add(agent);
    return agent;
  }


  /** The docker-build sample Workflow and its SecretReference in the control plane, as an administrator. */
  private static void seedDockerBuildWorkflow(KubernetesClient admin) {
    for (String sample : new String[] {"docker-build/workflow-docker.yaml",
        "docker-build/secretreference-github-credentials.yaml"}) {
      admin.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
          dev.wfrun.core.testing.Repo.sample(sample).node().toString(),
          io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).createOr(r -> r.update());
    }
  }

  /** Options of a valid agent of plane "default" for a hand-driven WebSocket (no agent runs them). */
  private static AgentOptions rawAgent(String name) throws Exception {
    Path dir = Files.createDirectories(TunnelWorld.dir.resolve(name));
    Path[] cert = TunnelWorld.pki.issue(dir, "agent", KeyPurposeId.id_kp_clientAuth);
    return new AgentOptions(URI.create("wss://127.0.0.1:" + TunnelWorld.sslPort), "workflowplane",
        "default", cert[0], cert[1], TunnelWorld.dir.resolve("ca.crt"), URI.create("http://127.0.0.1:9/"),
        dir.resolve("token"), dir.resolve("none"), Duration.ofSeconds(90), Duration.ofMillis(100), Duration.ofMillis(500));
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) {
    dev.wfrun.core.testing.Await.until(what + "; agent log: " + LAST_LOG, Duration.ofSeconds(20), condition);
  }

  /** Waits until a GET of the internal listener answers {@code code}. */
  private static void awaitAnswer(String what, String path, String token, int code) throws InterruptedException {
    await(what, () -> {
      try {
        return internal("GET", path, token, null).statusCode() == code;
      } catch (Exception e) {
        return false;
      }
    });
  }

  /** A client of the build plane through the gateway, as a function reaches it. */
  private static KubernetesClient throughGateway(String serviceAccount) {
    String master = "http://127.0.0.1:" + TunnelWorld.port
        + ProxyPath.prefixFor("workflowplane", "default", PlaneKey.cluster("default"));
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(master)
        .withOauthToken(TunnelWorld.control.tokenFor(serviceAccount)).withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static HttpResponse<String> internal(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TunnelWorld.port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFunctionReachesTheBuildPlaneThroughTheAgentsTunnel() throws Exception {
    ClusterAgent agent = agent("one", TunnelWorld.pki, "default");
    await("the agent connected", agent::connected);
    try (KubernetesClient plane = throughGateway("wfrun-render-dispatch")) {
      await("the gateway registered it", () -> {
        try {
          return internal("GET", "/api/v1/planes/workflowplane/default/status",
              TunnelWorld.control.tokenFor("wfrun-render-dispatch"), null).body().contains("\"connected\":true");
        } catch (Exception e) {
          return false;
        }
      });
      plane.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("openchoreo-ci-tunnel")
          .endMetadata().build()).create();
      Namespace read = plane.namespaces().withName("openchoreo-ci-tunnel").get();
      assertThat(read).isNotNull();
      assertThat(TunnelWorld.build.client().namespaces().withName("openchoreo-ci-tunnel").get())
          .as("created in the build plane itself").isNotNull();
      // what the agent may not do is refused by the build plane's RBAC, through the tunnel
      try {
        plane.secrets().inNamespace("openchoreo-ci-tunnel").list();
        throw new AssertionError("listing Secrets should be forbidden");
      } catch (KubernetesClientException e) {
        assertThat(e.getCode()).isEqualTo(403);
      }
    }
    HttpResponse<String> status = internal("GET", "/api/v1/planes/workflowplane/default/status?name=default",
        TunnelWorld.control.tokenFor("wfrun-render-dispatch"), null);
    assertThat(status.body()).contains("\"connected\":true", "\"connectedAgents\":1", "\"lastSeen\":");
  }

  @Test
  void concurrentRequestsThroughOneAgentAreEachAnsweredWithTheirOwnObject() throws Exception {
    ClusterAgent agent = agent("busy", TunnelWorld.pki, "default");
    await("the agent connected", agent::connected);
    for (int i = 0; i < 8; i++) {
      TunnelWorld.build.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName("openchoreo-ci-busy-" + i).endMetadata().build()).createOr(n -> n.update());
    }
    try (KubernetesClient plane = throughGateway("wfrun-status-sync")) {
      awaitAnswer("the gateway registered it", ProxyPath.prefixFor("workflowplane", "default",
          PlaneKey.cluster("default")) + "/version", TunnelWorld.control.tokenFor("wfrun-status-sync"), 200);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          String name = "openchoreo-ci-busy-" + t;
          workers.add(pool.submit(() -> {
            int answered = 0;
            for (int i = 0; i < 100; i++) {
              assertThat(plane.namespaces().withName(name).get().getMetadata().getName()).isEqualTo(name);
              answered++;
            }
            return answered;
          }));
        }
        for (var worker : workers) {
          assertThat(worker.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(100);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(agent.connected()).as("the connection stayed up; agent log: %s", agentLog).isTrue();
  }

  @Test
  void twoAgentsAreCountedAndShareTheRequests() throws Exception {
    agent("a", TunnelWorld.pki, "default");
    agent("b", TunnelWorld.pki, "default");
    String token = TunnelWorld.control.tokenFor("wfrun-status-sync");
    await("two agents connected", () -> {
      try {
        return internal("GET", "/api/v1/planes/workflowplane/default/status", token, null).body()
            .contains("\"connectedAgents\":2");
      } catch (Exception e) {
        return false;
      }
    });
    try (KubernetesClient plane = throughGateway("wfrun-status-sync")) {
      for (int i = 0; i < 6; i++) {
        assertThat(plane.namespaces().withName("default").get()).isNull(); // answered (404) by either agent
      }
    }
  }

  @Test
  void agentsWithoutAValidCertificateAreRefusedWithUpstreamsCodes() throws Exception {
    TestPki other = new TestPki("someone else's CA");
    ClusterAgent stranger = agent("stranger", other, "default");
    ClusterAgent unknownPlane = agent("unknown", TunnelWorld.pki, "no-such-plane");
    await("both refused", () -> agentLog.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("refused by")).count() >= 2);
    assertThat(stranger.connected()).isFalse();
    assertThat(unknownPlane.connected()).isFalse();
    assertThat(agentLog.toString(StandardCharsets.UTF_8)).contains("401");
  }

  @Test
  void theInternalListenerAnswersOnlyAllowedServiceAccounts() throws Exception {
    String path = ProxyPath.prefixFor("workflowplane", "default", PlaneKey.cluster("default")) + "/api/v1/namespaces";
    assertThat(internal("GET", path, null, null).statusCode()).isEqualTo(401);
    assertThat(internal("GET", path, "not-a-token", null).statusCode()).isEqualTo(401);
    HttpResponse<String> tenant = internal("GET", path, TunnelWorld.control.tokenFor("wfrun-gateway"), null);
    assertThat(tenant.statusCode()).isEqualTo(403);
    assertThat(tenant.body()).contains("wfrun-gateway may not call the cluster gateway");
  }

  @Test
  void proxyRefusalsAreUpstreams() throws Exception {
    String token = TunnelWorld.control.tokenFor("wfrun-render-dispatch");
    assertThat(internal("GET", "/api/proxy/workflowplane/nobody/_cluster/nobody/k8s/api/v1/namespaces", token, null)
        .statusCode()).as("no agent at all").isEqualTo(502);
    assertThat(internal("GET", "/api/proxy/workflowplane/default/_cluster/default/k8s/api/v1/../../x", token, null)
        .statusCode()).isIn(400, 404);
    assertThat(internal("GET", "/api/proxy/workflowplane/default/_cluster/default/k8s/api/v1/namespaces/kube-system/secrets",
        token, null).statusCode()).isEqualTo(403);
    ClusterAgent agent = agent("watcher", TunnelWorld.pki, "default");
    await("connected", agent::connected);
    assertThat(internal("GET", "/api/proxy/workflowplane/default/_cluster/default/k8s/api/v1/namespaces?watch=true",
        token, null).statusCode()).isEqualTo(501);
    assertThat(internal("GET", "/api/proxy/workflowplane/default/tenant/their-plane/k8s/api/v1/namespaces", token, null)
        .statusCode()).as("a CR this agent is not authorised for").isEqualTo(403);
  }

  @Test
  void aRunWaitsForItsAgentThenDispatchesSyncsAndFinalizesThroughTheTunnel() throws Exception {
    var admin = TunnelWorld.control.client();
    seedDockerBuildWorkflow(admin);
    var run = dev.wfrun.core.testing.Fixtures.run("docker-build/workflowrun-docker-build-run-01.yaml");
    admin.resources(dev.wfrun.api.v1alpha1.WorkflowRun.class).inNamespace("default").resource(run).create();
    var key = new dev.wfrun.core.cluster.RunKey("default", run.getMetadata().getName());
    java.util.Optional<URI> gateway = java.util.Optional.of(URI.create("http://127.0.0.1:" + TunnelWorld.port));
    java.time.Clock clock = Clock.systemUTC();
    KubernetesClient dispatcher = TunnelWorld.control.clientAs("wfrun-render-dispatch");
    var dispatch = new dev.wfrun.core.cluster.RenderDispatch(dispatcher,
        new dev.wfrun.core.cluster.BuildPlanes(dispatcher, gateway), new dev.wfrun.core.render.RunRenderer(), clock);

    // no agent yet: the run waits and says why
    assertThat(dispatch.dispatch(key).kind()).isEqualTo(dev.wfrun.core.cluster.StepResult.Kind.RETRY);
    var waiting = admin.resources(dev.wfrun.api.v1alpha1.WorkflowRun.class).inNamespace("default")
        .withName(key.name()).get();
    assertThat(waiting.getStatus().conditions()).anySatisfy(c -> {
      assertThat(c.getReason()).isEqualTo("WorkflowPlaneAgentNotConnected");
      assertThat(c.getMessage()).contains("ClusterWorkflowPlane/default", "planeID default");
    });

    ClusterAgent agent = agent("runner", TunnelWorld.pki, "default");
    await("the agent connected", agent::connected);
    await("dispatched through the tunnel", () -> dispatch.dispatch(key).kind()
        == dev.wfrun.core.cluster.StepResult.Kind.DONE);
    var argo = TunnelWorld.build.client().resources(dev.wfrun.api.argo.ArgoWorkflow.class)
        .inNamespace("openchoreo-ci-default").withName(key.name());
    assertThat(argo.get()).as("the Argo Workflow is in the build plane").isNotNull();

    // Argo finishes in the build plane; status-sync reads it through the tunnel
    var wf = argo.get();
    wf.setStatus(dev.wfrun.core.testing.ArgoProgress.at(key.name(), dev.wfrun.core.testing.ArgoProgress.STEPS.size(),
        java.time.Instant.now()));
    TunnelWorld.build.client().resources(dev.wfrun.api.argo.ArgoWorkflow.class).inNamespace("openchoreo-ci-default")
        .resource(wf).updateStatus();
    KubernetesClient syncer = TunnelWorld.control.clientAs("wfrun-status-sync");
    new dev.wfrun.core.cluster.StatusSync(syncer, new dev.wfrun.core.cluster.BuildPlanes(syncer, gateway), clock)
        .sync(key);
    assertThat(admin.resources(dev.wfrun.api.v1alpha1.WorkflowRun.class).inNamespace("default").withName(key.name())
        .get().getStatus().phase()).isEqualTo("Succeeded");

    // deleted: finalize removes the build-plane objects through the tunnel
    admin.resources(dev.wfrun.api.v1alpha1.WorkflowRun.class).inNamespace("default").withName(key.name()).delete();
    KubernetesClient finalizing = TunnelWorld.control.clientAs("wfrun-finalize");
    new dev.wfrun.core.cluster.RunFinalizer(finalizing, new dev.wfrun.core.cluster.BuildPlanes(finalizing, gateway))
        .finalizeRun(key);
    assertThat(argo.get()).isNull();
  }

  @Test
  void anAgentKilledMidRunReadsAsDisconnectedAndTheRunCompletesOnceAnAgentIsBack() throws Exception {
    var admin = TunnelWorld.control.client();
    seedDockerBuildWorkflow(admin);
    var run = dev.wfrun.core.testing.Fixtures.run("docker-build/workflowrun-docker-build-run-01.yaml");
    run.getMetadata().setName("agent-killed-mid-run");
    var runs = admin.resources(dev.wfrun.api.v1alpha1.WorkflowRun.class).inNamespace("default");
    runs.resource(run).create();
    var key = new dev.wfrun.core.cluster.RunKey("default", run.getMetadata().getName());
    java.util.Optional<URI> gateway = java.util.Optional.of(URI.create("http://127.0.0.1:" + TunnelWorld.port));
    Clock clock = Clock.systemUTC();
    KubernetesClient dispatcher = TunnelWorld.control.clientAs("wfrun-render-dispatch");
    var dispatch = new dev.wfrun.core.cluster.RenderDispatch(dispatcher,
        new dev.wfrun.core.cluster.BuildPlanes(dispatcher, gateway), new dev.wfrun.core.render.RunRenderer(), clock);
    KubernetesClient syncer = TunnelWorld.control.clientAs("wfrun-status-sync");
    var sync = new dev.wfrun.core.cluster.StatusSync(syncer, new dev.wfrun.core.cluster.BuildPlanes(syncer, gateway),
        clock);
    var inBuildPlane = TunnelWorld.build.client().resources(dev.wfrun.api.argo.ArgoWorkflow.class)
        .inNamespace("openchoreo-ci-default");

    ClusterAgent first = agent("first", TunnelWorld.pki, "default");
    await("the first agent connected", first::connected);
    await("dispatched through the first agent", () -> dispatch.dispatch(key).kind()
        == dev.wfrun.core.cluster.StepResult.Kind.DONE);
    var wf = inBuildPlane.withName(key.name()).get();
    wf.setStatus(dev.wfrun.core.testing.ArgoProgress.at(key.name(), 1, java.time.Instant.now()));
    inBuildPlane.resource(wf).updateStatus();
    assertThat(sync.sync(key).kind()).isEqualTo(dev.wfrun.core.cluster.StepResult.Kind.DONE);
    assertThat(runs.withName(key.name()).get().getStatus().phase()).isEqualTo("Running");

    // killed: its socket goes without a close frame; the plane reads disconnected within seconds
    first.close();
    agents.remove(first);
    var plane = admin.resources(dev.wfrun.api.v1alpha1.ClusterWorkflowPlane.class).withName("default");
    await("connected: false written after the kill", () -> {
      var status = plane.get().getStatus();
      return status != null && status.agentConnection() != null && !status.agentConnection().connected();
    });
    // meanwhile Argo finishes in the build plane; status-sync cannot read it: the step throws (its runner
    // answers 5xx, so the event is redelivered) and the run stays as it was
    wf = inBuildPlane.withName(key.name()).get();
    wf.setStatus(dev.wfrun.core.testing.ArgoProgress.at(key.name(), dev.wfrun.core.testing.ArgoProgress.STEPS.size(),
        java.time.Instant.now()));
    inBuildPlane.resource(wf).updateStatus();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sync.sync(key)).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("Bad Gateway");
    assertThat(runs.withName(key.name()).get().getStatus().phase()).isEqualTo("Running");

    // an agent is back: the retried sync completes the run; a redelivered dispatch creates nothing new
    ClusterAgent second = agent("second", TunnelWorld.pki, "default");
    await("the second agent connected", second::connected);
    await("synced through the second agent", () -> {
      try {
        return sync.sync(key).kind() == dev.wfrun.core.cluster.StepResult.Kind.DONE;
      } catch (KubernetesClientException stillRegistering) {
        return false;
      }
    });
    var done = runs.withName(key.name()).get();
    assertThat(done.getStatus().phase()).isEqualTo("Succeeded");
    assertThat(done.getStatus().conditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("WorkloadUpdated");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    assertThat(admin.resources(dev.wfrun.api.v1alpha1.Workload.class).inNamespace("default")
        .withName("greeter-service-workload").get()).as("its Workload").isNotNull();
    assertThat(dispatch.dispatch(key).kind()).isNotEqualTo(dev.wfrun.core.cluster.StepResult.Kind.FAILED);
    assertThat(inBuildPlane.withLabel("openchoreo.dev/workflowrun", key.name()).list().getItems())
        .as("one Argo Workflow for the run, nothing duplicated").hasSize(1);
    assertThat(runs.withName(key.name()).get().getStatus().phase()).isEqualTo("Succeeded");
  }

  @Test
  void thePlanesAgentConnectionIsWrittenOnConnectAndDrop() throws Exception {
    var plane = TunnelWorld.control.client().resources(dev.wfrun.api.v1alpha1.ClusterWorkflowPlane.class).withName("default");
    ClusterAgent agent = agent("status", TunnelWorld.pki, "default");
    await("connected: true written", () -> {
      var status = plane.get().getStatus();
      return status != null && status.agentConnection() != null && status.agentConnection().connected();
    });
    var connected = plane.get().getStatus();
    assertThat(connected.agentConnection().message()).isEqualTo("1 agent connected");
    assertThat(connected.agentConnection().lastHeartbeatTime()).isNotNull();
    assertThat(connected.conditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    agent.close();
    agents.remove(agent);
    await("connected: false written", () -> !plane.get().getStatus().agentConnection().connected());
    var dropped = plane.get().getStatus().agentConnection();
    assertThat(dropped.message()).isEqualTo("No agents connected");
    assertThat(dropped.lastDisconnectedTime()).isNotNull();
  }

  @Test
  void argoChangesInTheBuildPlaneReachTheBrokerAsApiServerSourceEvents() throws Exception {
    ClusterAgent agent = agent("events", TunnelWorld.pki, "default");
    await("connected", agent::connected);
    var workflows = TunnelWorld.build.client().resources(dev.wfrun.api.argo.ArgoWorkflow.class)
        .inNamespace("openchoreo-ci-default");
    TunnelWorld.build.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName("openchoreo-ci-default").endMetadata().build()).createOr(n -> n.update());
    var wf = new dev.wfrun.api.argo.ArgoWorkflow();
    wf.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("polled-run")
        .withNamespace("openchoreo-ci-default").withLabels(java.util.Map.of(
            dev.wfrun.api.v1alpha1.OpenChoreo.LABEL_MANAGED_BY, dev.wfrun.api.v1alpha1.OpenChoreo.MANAGED_BY_VALUE))
        .build());
    workflows.resource(wf).create();
    String[] update = awaitEvent("dev.knative.apiserver.resource.update", "polled-run");
    assertThat(update[1]).isEqualTo("Workflow");
    assertThat(update[4]).as("a stock agent: polled").endsWith("/poll");
    assertThat(update[3]).contains("\"kind\":\"Workflow\"", "\"name\":\"polled-run\"");
    workflows.withName("polled-run").delete();
    awaitEvent("dev.knative.apiserver.resource.delete", "polled-run");
  }

  @Test
  void anAgentWithTheStreamExtensionIsWatchedAndEventsArriveAsTheyHappen() throws Exception {
    // a build plane whose API serves chunked watches (wfrun dev's embedded API with its front)
    try (var plane = TunnelWorld.streamingBuildPlane()) {
      ClusterAgent agent = TunnelWorld.streamingAgent("streaming", plane,
          new PrintStream(agentLog, true, StandardCharsets.UTF_8));
      agents.add(agent);
      await("connected", agent::connected);
      plane.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName("openchoreo-ci-default").endMetadata().build()).createOr(n -> n.update());
      // created before or after the watch begins: a new watch lists what exists first
      var workflows = plane.client().resources(dev.wfrun.api.argo.ArgoWorkflow.class).inNamespace("openchoreo-ci-default");
      var wf = new dev.wfrun.api.argo.ArgoWorkflow();
      wf.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("watched-run")
          .withNamespace("openchoreo-ci-default").withLabels(java.util.Map.of(
              dev.wfrun.api.v1alpha1.OpenChoreo.LABEL_MANAGED_BY, dev.wfrun.api.v1alpha1.OpenChoreo.MANAGED_BY_VALUE))
          .build());
      workflows.resource(wf).create();
      assertThat(awaitEvent("dev.knative.apiserver.resource.update", "watched-run")[4])
          .as("from the watch, not from polling").endsWith("/watch");
      workflows.withName("watched-run").delete();
      assertThat(awaitEvent("dev.knative.apiserver.resource.delete", "watched-run")[4]).endsWith("/watch");
    }
  }

  private static String[] awaitEvent(String type, String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      String[] event = TunnelWorld.EVENTS.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (event != null && type.equals(event[0]) && name.equals(event[2])) {
        return event;
      }
    }
    throw new AssertionError("no " + type + " event for " + name);
  }

  /**
   * The plane's spec replaced by a merge patch: no resourceVersion, so the gateway's own status writes
   * meanwhile cannot make it conflict (a read-modify-write edit could, and leave the CA changed).
   */
  private static void setSpec(dev.wfrun.api.v1alpha1.WorkflowPlaneSpec spec) throws Exception {
    String patch = "{\"spec\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(spec) + "}";
    TunnelWorld.control.client().resources(dev.wfrun.api.v1alpha1.ClusterWorkflowPlane.class).withName("default")
        .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), patch);
  }

  @Test
  void aChangedClientCaWithNotifyRevokesTheConnectionsAuthorisation() throws Exception {
    ClusterAgent agent = agent("revoked", TunnelWorld.pki, "default");
    await("connected", agent::connected);
    String token = TunnelWorld.control.tokenFor("wfrun-render-dispatch");
    String path = ProxyPath.prefixFor("workflowplane", "default", PlaneKey.cluster("default")) + "/version";
    awaitAnswer("routed", path, token, 200);
    var planes = TunnelWorld.control.client().resources(dev.wfrun.api.v1alpha1.ClusterWorkflowPlane.class);
    var original = planes.withName("default").get().getSpec();
    TestPki rotated = new TestPki("a new CA");
    setSpec(new dev.wfrun.api.v1alpha1.WorkflowPlaneSpec(original.planeID(),
        new dev.wfrun.api.v1alpha1.WorkflowPlaneSpec.ClusterAgent(
            new dev.wfrun.api.v1alpha1.WorkflowPlaneSpec.ValueFrom(null, uncheckedPem(rotated))),
        original.secretStoreRef(), original.observabilityPlaneRef()));
    try {
      HttpResponse<String> notified = internal("POST", "/api/v1/planes/notify", token,
          "{\"planeType\":\"workflowplane\",\"planeID\":\"default\",\"event\":\"updated\",\"namespace\":\"\","
              + "\"name\":\"default\"}");
      assertThat(notified.body()).contains("\"action\":\"revalidate\"", "\"authorizationsRevoked\":1");
      HttpResponse<String> refused = internal("GET", path, token, null);
      assertThat(refused.statusCode()).as("no longer authorised for the CR").isEqualTo(403);
      assertThat(refused.body()).contains("Agent not authorized for CR");
    } finally {
      setSpec(original);
    }
  }

  private static String uncheckedPem(TestPki pki) {
    try {
      return pki.caPem();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aFloodingAgentIsDroppedAndTheOthersKeepWorking() throws Exception {
    ClusterAgent good = agent("good", TunnelWorld.pki, "default");
    await("connected", good::connected);
    AgentOptions options = rawAgent("flooder");
    var tls = dev.wfrun.clustergateway.FloodClient.tls(options);
    java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
    var ws = HttpClient.newBuilder().sslContext(tls).build().newWebSocketBuilder()
        .buildAsync(options.dialUri(), new java.net.http.WebSocket.Listener() {
          @Override
          public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket w, int code, String reason) {
            closed.complete(code);
            return null;
          }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
    java.util.concurrent.CompletableFuture<?> last = java.util.concurrent.CompletableFuture.completedFuture(null);
    for (int i = 0; i < 5_000 && !closed.isDone(); i++) {
      last = ws.sendText("{\"requestID\":\"junk-" + i + "\",\"statusCode\":200}", true);
      try {
        last.get(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException dropped) {
        break;
      }
    }
    assertThat(closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1008);
    String token = TunnelWorld.control.tokenFor("wfrun-render-dispatch");
    String path = ProxyPath.prefixFor("workflowplane", "default", PlaneKey.cluster("default")) + "/version";
    awaitAnswer("the good agent still serves", path, token, 200);
    assertThat(good.connected()).isTrue();
  }

  @Test
  void aMalformedFrameIsSkippedAndAnOversizedOneDropsOnlyItsSender() throws Exception {
    ClusterAgent good = agent("steady", TunnelWorld.pki, "default");
    await("connected", good::connected);
    AgentOptions options = rawAgent("oversized");
    java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<String> pong = new java.util.concurrent.CompletableFuture<>();
    var ws = HttpClient.newBuilder().sslContext(dev.wfrun.clustergateway.FloodClient.tls(options)).build()
        .newWebSocketBuilder().buildAsync(options.dialUri(), new java.net.http.WebSocket.Listener() {
          @Override
          public java.util.concurrent.CompletionStage<?> onPong(java.net.http.WebSocket w, java.nio.ByteBuffer message) {
            pong.complete(StandardCharsets.UTF_8.decode(message).toString());
            w.request(1);
            return null;
          }

          @Override
          public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket w, int code, String reason) {
            closed.complete(code);
            return null;
          }

          @Override
          public void onError(java.net.http.WebSocket w, Throwable error) {
            closed.complete(-1); // cut without a close frame
          }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
    try {
      malformedThenOversized(ws, pong, closed);
    } finally {
      ws.abort(); // never left registered for the tests after this one
    }
    String token = TunnelWorld.control.tokenFor("wfrun-render-dispatch");
    String path = ProxyPath.prefixFor("workflowplane", "default", PlaneKey.cluster("default")) + "/version";
    awaitAnswer("the steady agent still serves", path, token, 200);
    assertThat(good.connected()).isTrue();
  }

  private static void malformedThenOversized(java.net.http.WebSocket ws, java.util.concurrent.CompletableFuture<String> pong,
      java.util.concurrent.CompletableFuture<Integer> closed) throws Exception {
    ws.sendText("{not json", true).get(5, java.util.concurrent.TimeUnit.SECONDS);
    ws.sendText("{\"requestID\":\"nobody-asked\",\"statusCode\":200}", true).get(5, java.util.concurrent.TimeUnit.SECONDS);
    // the gateway handles a connection's messages in order: its answer to a ping sent after them says
    // it read both and kept the connection
    ws.sendPing(java.nio.ByteBuffer.wrap("after".getBytes(StandardCharsets.UTF_8))).get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(pong.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("after");
    assertThat(closed).as("a malformed frame and an unknown request's answer are skipped").isNotDone();

    // a message over the gateway's limit (14 MiB: a 10 MiB body, base64, in JSON) ends only that connection
    char[] big = new char[GatewayBeans.MAX_MESSAGE + 1024];
    java.util.Arrays.fill(big, 'x');
    try {
      ws.sendText("{\"requestID\":\"x\",\"body\":\"" + new String(big) + "\"}", true).get(30,
          java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException droppedWhileSending) {
      // the gateway may close before the last fragment is written
    }
    assertThat(closed.get(20, java.util.concurrent.TimeUnit.SECONDS)).as("closed as too big").isEqualTo(1009);
  }

  @Test
  void anAgentConnectingStartsResyncSoWaitingRunsDispatchAtOnce() throws Exception {
    TunnelWorld.EVENTS.clear();
    ClusterAgent agent = agent("tick", TunnelWorld.pki, "default");
    await("connected", agent::connected);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String[] tick = null;
    while (tick == null && System.nanoTime() < deadline) {
      String[] event = TunnelWorld.EVENTS.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (event != null && "dev.knative.sources.ping".equals(event[0])) {
        tick = event;
      }
    }
    assertThat(tick).as("a resync tick on connect").isNotNull();
    assertThat(tick[3]).contains("\"agentConnected\":\"/default\"");
  }

  @Test
  void aWatchThroughTheProxyStreamsWithAStreamingAgentAndIs501WithAStockOne() throws Exception {
    String token = TunnelWorld.control.tokenFor("wfrun-status-sync");
    String watch = ProxyPath.prefixFor("workflowplane", "default", PlaneKey.cluster("default"))
        + "/apis/argoproj.io/v1alpha1/namespaces/openchoreo-ci-default/workflows?watch=true";
    ClusterAgent stock = agent("stock", TunnelWorld.pki, "default");
    await("connected", stock::connected);
    awaitAnswer("a stock agent cannot stream", watch, token, 501);
    stock.close();
    agents.remove(stock);
    try (var plane = TunnelWorld.streamingBuildPlane()) {
      ClusterAgent agent = TunnelWorld.streamingAgent("proxy-watch", plane,
          new PrintStream(agentLog, true, StandardCharsets.UTF_8));
      agents.add(agent);
      await("connected", agent::connected);
      plane.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName("openchoreo-ci-default").endMetadata().build()).createOr(n -> n.update());
      java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
      var watching = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + TunnelWorld.port + watch)).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
              s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
              lines.add(line);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onComplete() {}
          }));
      Thread.sleep(500); // the watch is established through gateway and agent
      var wf = new dev.wfrun.api.argo.ArgoWorkflow();
      wf.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("proxied-watch")
          .withNamespace("openchoreo-ci-default").build());
      plane.client().resources(dev.wfrun.api.argo.ArgoWorkflow.class).inNamespace("openchoreo-ci-default")
          .resource(wf).create();
      String line = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline && (line == null || !line.contains("proxied-watch"))) {
        line = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      assertThat(line).as("a watch event streamed through the proxy").contains("\"type\":\"ADDED\"", "proxied-watch");
      watching.cancel(true);
      // a follow the build plane refuses keeps its status (not a 200 with the refusal as the body)
      awaitAnswer("a refused follow keeps its status", ProxyPath.prefixFor("workflowplane", "default",
          PlaneKey.cluster("default")) + "/api/v1/namespaces/openchoreo-ci-default/pods/nobody/log?follow=true",
          token, 404);
    }
  }
}
