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
import java.io.InputStream;
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
 * A slowloris on the public listener: a client that completes TLS, sends half an upgrade request and
 * goes quiet holds no thread (agents keep being served through the tunnel meanwhile) and is cut off
 * at the idle timeout (2 s in this world; agents, pinged every second, stay).
 */
@QuarkusTest
@QuarkusTestResource(value = TunnelWorld.class, restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "idleTimeout", value = "2s"))
class SlowlorisTest {

  @Test
  void aHalfSentUpgradeIsCutOffAtTheIdleTimeoutWhileAgentsKeepWorking() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (var plane = TunnelWorld.streamingBuildPlane();
        ClusterAgent agent = TunnelWorld.streamingAgent("steady", plane, new PrintStream(log, true, StandardCharsets.UTF_8));
        KubernetesClient throughGateway = throughGateway();
        SSLSocket slow = (SSLSocket) trustingEverything().getSocketFactory().createSocket("127.0.0.1", TunnelWorld.sslPort)) {
      dev.wfrun.core.testing.Await.until("the agent connected; its log: " + log, Duration.ofSeconds(20), agent::connected);
      plane.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
          .withName("openchoreo-ci-default").endMetadata().build()).createOr(n -> n.update());
      slow.startHandshake();
      slow.getOutputStream().write("GET /ws?planeType=workflowplane&planeID=default HTTP/1.1\r\nHost: gateway\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      long sent = System.nanoTime();

      // while it hangs, the agent serves requests through the tunnel
      for (int i = 0; i < 20; i++) {
        assertThat(throughGateway.namespaces().withName("openchoreo-ci-default").get()).isNotNull();
      }

      slow.setSoTimeout(15_000);
      InputStream in = slow.getInputStream();
      boolean closed;
      try {
        closed = in.read() == -1;
      } catch (SocketTimeoutException stillOpen) {
        closed = false;
      } catch (SocketException reset) {
        closed = true;
      }
      long after = Duration.ofNanos(System.nanoTime() - sent).toMillis();
      assertThat(closed).as("the half-sent upgrade was cut off by the gateway").isTrue();
      assertThat(after).as("cut off at the idle timeout, not before").isBetween(1_500L, 10_000L);
      assertThat(agent.connected()).as("the agent, pinged meanwhile, is still connected; its log: %s", log).isTrue();
      assertThat(throughGateway.namespaces().withName("openchoreo-ci-default").get()).isNotNull();
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
