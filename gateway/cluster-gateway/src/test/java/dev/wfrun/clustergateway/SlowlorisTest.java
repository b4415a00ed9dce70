package dev.wfrun.clustergateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.agent.ClusterAgent;
import dev.wfrun.core.tunnel.PlaneKey;
import dev.wfrun.core.tunnel.ProxyPath;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * A slowloris on the agents' listener: a client that completes TLS and then dribbles an upgrade
 * request's header a byte at a time, never finishing it, holds no thread (agents keep being served
 * through the tunnel meanwhile) and is cut off with a log line at the header timeout (2 s in this
 * world), however busy it keeps the connection.
 */
@QuarkusTest
@QuarkusTestResource(value = TunnelWorld.class, restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "headerTimeout", value = "2s"))
class SlowlorisTest {

  @Test
  void aClientDribblingItsUpgradeHeaderIsCutOffAtTheHeaderTimeoutWhileAgentsKeepWorking() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (var plane = TunnelWorld.streamingBuildPlane();
        ClusterAgent agent = TunnelWorld.streamingAgent("steady", plane, new PrintStream(log, true, StandardCharsets.UTF_8));
        KubernetesClient throughGateway = throughGateway();
        SSLSocket slow = (SSLSocket) trustingEverything().getSocketFactory().createSocket("127.0.0.1", TunnelWorld.sslPort)) {
      dev.wfrun.core.testing.Await.until("the agent connected; its log: " + log, Duration.ofSeconds(20), agent::connected);
      plane.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
          .withName("openchoreo-ci-default").endMetadata().build()).createOr(n -> n.update());
      java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.logging.Logger gatewayLog = java.util.logging.Logger.getLogger(PublicListener.class.getName());
      java.util.logging.Handler capture = new java.util.logging.Handler() {
        @Override
        public void publish(java.util.logging.LogRecord record) {
          logged.add(new java.util.logging.SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
      };
      gatewayLog.addHandler(capture);
      slow.startHandshake();
      long connected = System.nanoTime();
      java.io.OutputStream out = slow.getOutputStream();
      out.write("GET /ws?planeType=workflowplane&planeID=default HTTP/1.1\r\nHost: gateway\r\nX-Slow: "
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      // a byte every 200 ms, never the end of the header; the agent is served through the tunnel meanwhile
      boolean cutOff = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      int served = 0;
      while (!cutOff && System.nanoTime() < deadline) {
        try {
          out.write('a');
          out.flush();
        } catch (SocketException closed) {
          cutOff = true;
          break;
        }
        assertThat(throughGateway.namespaces().withName("openchoreo-ci-default").get()).isNotNull();
        served++;
        slow.setSoTimeout(200);
        try {
          cutOff = slow.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
          // still held open: go on dribbling
        } catch (SocketException reset) {
          cutOff = true;
        }
      }
      long after = Duration.ofNanos(System.nanoTime() - connected).toMillis();
      gatewayLog.removeHandler(capture);
      assertThat(cutOff).as("the dribbling client was cut off by the gateway").isTrue();
      assertThat(after).as("cut off at the header timeout, not before, however busy it kept the line")
          .isBetween(1_500L, 10_000L);
      assertThat(served).as("requests through the tunnel while it dribbled").isPositive();
      assertThat(logged).anySatisfy(line -> assertThat(line).contains("client dropped", "no complete request within 2000 ms"));
      assertThat(agent.connected()).as("the agent, pinged meanwhile, is still connected; its log: %s", log).isTrue();
      assertThat(throughGateway.namespaces().withName("openchoreo-ci-default").get()).isNotNull();
    }
  }

  @Test
  void anAnswerThatIsNotTheUpgradeEndsTheConnection() throws Exception {
    try (SSLSocket client = (SSLSocket) trustingEverything().getSocketFactory().createSocket("127.0.0.1",
        TunnelWorld.sslPort)) {
      client.setSoTimeout(10_000);
      client.getOutputStream().write("GET /elsewhere HTTP/1.1\r\nHost: gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      // HTTP/1.1 would keep the connection for a next request; here the answer is followed by the end
      String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 404").contains("agents connect at /ws");
    }
  }

  private static KubernetesClient throughGateway() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + TunnelWorld.port
        + ProxyPath.prefixFor("workflowplane", "default", PlaneKey.cluster("default")))
        .withOauthToken(TunnelWorld.control.tokenFor("wfrun-render-dispatch")).withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** A TLS client that takes any server certificate and presents none (an attacker's). */
  private static SSLContext trustingEverything() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // a client's trust manager is never asked this
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // the attacker does not care whom it talks to
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    return context;
  }
}
