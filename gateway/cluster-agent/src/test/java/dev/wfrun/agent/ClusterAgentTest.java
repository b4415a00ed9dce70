package dev.wfrun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.apiserver.StrictApiServer;
import dev.wfrun.core.tunnel.AgentRouter;
import dev.wfrun.core.tunnel.TunnelFrame;
import dev.wfrun.core.tunnel.TunnelFrames;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against a stand-in cluster gateway (a Vert.x WebSocket server over TLS that requires
 * client certificates) and a build plane (the strict embedded API): real WebSockets and TLS on loopback.
 */
class ClusterAgentTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final StrictApiServer buildPlane = StrictApiServer.start();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
  private final BlockingQueue<ServerWebSocket> sockets = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final List<String> peerSerials = new CopyOnWriteArrayList<>();
  private final AtomicInteger refuseFirst = new AtomicInteger();
  private TestPki pki;
  private Path agentCert;
  private Path agentKey;
  private Path caFile;
  private HttpServer gateway;
  private Path[] server;
  private ClusterAgent agent;

  @BeforeEach
  void start() throws Exception {
    pki = new TestPki("wfrun test CA");
    server = pki.issue(dir, "gateway", KeyPurposeId.id_kp_serverAuth, true);
    Path[] client = pki.issue(dir, "agent", KeyPurposeId.id_kp_clientAuth);
    agentCert = client[0];
    agentKey = client[1];
    caFile = pki.writeCa(dir, "ca.crt");
    gateway = listen(server, 0);
    buildPlane.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("openchoreo-ci-default")
        .endMetadata().build()).create();
  }

  /** The stand-in gateway on {@code port} (0: a free one), with the server certificate {@code server}. */
  private HttpServer listen(Path[] server, int port) throws Exception {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(server[0].toString()).setKeyPath(server[1].toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString())).setClientAuth(ClientAuth.REQUIRED))
        .webSocketHandler(ws -> {
          if (refuseFirst.getAndDecrement() > 0) {
            ws.setHandshake(io.vertx.core.Future.succeededFuture(401)); // refuse the upgrade with 401
            return;
          }
          try {
            peerSerials.add(((X509Certificate) ws.sslSession().getPeerCertificates()[0]).getSerialNumber().toString());
          } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            ws.setHandshake(io.vertx.core.Future.succeededFuture(401)); // refuse the upgrade with 401
            return;
          }
          ws.textMessageHandler(received::add);
          sockets.add(ws);
        })
        .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    buildPlane.close();
  }

  private ClusterAgent agent(Duration readIdle) throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, buildPlane.adminToken());
    AgentOptions options = new AgentOptions(URI.create("wss://127.0.0.1:" + gateway.actualPort()), "workflowplane",
        "default", agentCert, agentKey, caFile, URI.create(buildPlane.url() + "/"), token, dir.resolve("none"),
        readIdle, Duration.ofMillis(50), Duration.ofMillis(400));
    AgentRouter router = new AgentRouter(options.apiServer(), () -> ApiServerTrust.read(token), HttpClient.newHttpClient(),
        Duration.ofSeconds(10));
    agent = new ClusterAgent(options, router, log, Clock.systemUTC()).start();
    return agent;
  }

  @Test
  void dialsWithItsCertificateAndAnswersATunnelledRequest() throws Exception {
    agent(Duration.ofSeconds(90));
    ServerWebSocket ws = sockets.poll(20, TimeUnit.SECONDS);
    assertThat(ws).as("the agent connected; its log: %s", logBytes.toString(StandardCharsets.UTF_8)).isNotNull();
    assertThat(ws.uri()).isEqualTo("/ws?planeType=workflowplane&planeID=default");
    ws.writeTextMessage(TunnelFrames.write(new TunnelFrame.Request("req-1", "gw-1", "k8s", "GET",
        "/api/v1/namespaces/openchoreo-ci-default", "", Map.of("Accept", List.of("application/json")), new byte[0])));
    String answer = received.poll(10, TimeUnit.SECONDS);
    assertThat(answer).isNotNull();
    TunnelFrame.Response response = (TunnelFrame.Response) TunnelFrames.read(answer).orElseThrow();
    assertThat(response.requestId()).isEqualTo("req-1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("openchoreo-ci-default");
    assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("agent: connected to wss://127.0.0.1:");
  }

  @Test
  void answersPingsWithPongs() throws Exception {
    agent(Duration.ofSeconds(90));
    ServerWebSocket ws = sockets.poll(20, TimeUnit.SECONDS);
    BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    ws.pongHandler(b -> pongs.add(b.toString()));
    ws.writePing(io.vertx.core.buffer.Buffer.buffer("heartbeat"));
    assertThat(pongs.poll(10, TimeUnit.SECONDS)).isEqualTo("heartbeat");
  }

  @Test
  void aRefusingGatewayIsDialledAgainWithBackoffAndEachRefusalIsLogged() throws Exception {
    refuseFirst.set(2);
    agent(Duration.ofSeconds(90));
    assertThat(sockets.poll(20, TimeUnit.SECONDS)).as("connected after two refusals").isNotNull();
    String output = logBytes.toString(StandardCharsets.UTF_8);
    assertThat(output.lines().filter(l -> l.startsWith("agent: refused by"))).hasSize(2);
    assertThat(output).doesNotContain("agent: cannot reach");
  }

  @Test
  void aRestartedGatewayIsDialledAgainWithBackoffUntilItIsBack() throws Exception {
    agent(Duration.ofSeconds(90));
    assertThat(sockets.poll(20, TimeUnit.SECONDS)).as("connected").isNotNull();
    int port = gateway.actualPort();
    long down = System.nanoTime();
    gateway.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    // while it is down every dial fails and says so, spaced by the backoff (50–400 ms here), not in a hot loop
    awaitLogged(this::failedDials, 3);
    long downFor = System.nanoTime() - down;
    int failed = failedDials();
    assertThat(failed).as("dials while down; log: %s", logBytes).isGreaterThanOrEqualTo(3);
    assertThat(TimeUnit.NANOSECONDS.toMillis(downFor)).as("three failed dials take at least two backoffs")
        .isGreaterThanOrEqualTo(2 * 50);
    gateway = listen(server, port);
    assertThat(sockets.poll(20, TimeUnit.SECONDS)).as("connected again to the restarted gateway; log: %s", logBytes)
        .isNotNull();
    // (the agent logs its connect once its side of the upgrade completes, just after the gateway's)
    awaitLogged(this::connects, 2);
    assertThat(connects()).as("connects logged; log: %s", logBytes).isEqualTo(2);
    assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("agent: connection dropped");
  }

  private int connects() {
    return (int) logBytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("agent: connected to"))
        .count();
  }

  /** Until {@code count} of the agent's log lines reaches {@code atLeast} (checked every 20 ms, up to 20 s). */
  private static void awaitLogged(java.util.function.IntSupplier count, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (count.getAsInt() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Dials that found no gateway, as the agent logged them (not as refusals: nobody refused). */
  private int failedDials() {
    return (int) logBytes.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("agent: cannot reach")).count();
  }

  @Test
  void aSilentConnectionIsDroppedAtTheReadIdleDeadlineAndDialledAgain() throws Exception {
    agent(Duration.ofSeconds(1));
    assertThat(sockets.poll(20, TimeUnit.SECONDS)).isNotNull();
    assertThat(sockets.poll(20, TimeUnit.SECONDS)).as("a second connection after the silent first").isNotNull();
    assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("no message or ping for 1s");
  }

  @Test
  void aRenewedCertificateIsUsedWithoutARestart() throws Exception {
    agent(Duration.ofSeconds(90));
    assertThat(sockets.poll(20, TimeUnit.SECONDS)).isNotNull();
    String first = peerSerials.get(0);
    Thread.sleep(1100); // file times have one-second resolution on some file systems
    pki.issue(dir, "agent", KeyPurposeId.id_kp_clientAuth); // cert-manager rewrites tls.crt and tls.key
    assertThat(sockets.poll(20, TimeUnit.SECONDS)).as("reconnected with the renewed certificate").isNotNull();
    assertThat(peerSerials.get(peerSerials.size() - 1)).isNotEqualTo(first);
    assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("the certificate or key changed");
  }

  @Test
  void malformedFramesAreDroppedWithALogLineAndTheConnectionStays() throws Exception {
    agent(Duration.ofSeconds(90));
    ServerWebSocket ws = sockets.poll(20, TimeUnit.SECONDS);
    ws.writeTextMessage("{not json");
    ws.writeTextMessage(TunnelFrames.write(new TunnelFrame.Request("req-2", "", "k8s", "GET", "/version", "",
        Map.of(), new byte[0])));
    assertThat(received.poll(10, TimeUnit.SECONDS)).contains("\"requestID\":\"req-2\"");
    assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("agent: dropped a malformed frame");
  }

  @Test
  void backoffGrowsToItsCapWithJitter() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0);
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
    for (int i = 0; i < 10; i++) {
      backoff.next();
    }
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(60));
    Backoff low = new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(60), () -> 0.0);
    assertThat(low.next()).isEqualTo(Duration.ofSeconds(4)).as("at least half the delay");
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
  }
}
