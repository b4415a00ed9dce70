package dev.wfrun.clustergateway;

import dev.wfrun.core.tunnel.AgentRegistry;
import dev.wfrun.core.tunnel.PlaneAuthorizer;
import dev.wfrun.core.tunnel.TunnelCalls;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The gateway's parts, built once. */
@ApplicationScoped
public class GatewayBeans implements HttpServerOptionsCustomizer {
  /** Responses carry bodies up to the proxy's 10 MiB, base64 in JSON: WebSocket messages may be that large. */
  static final int MAX_MESSAGE = 14 * 1024 * 1024;

  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @ApplicationScoped
  AgentRegistry registry(@ConfigProperty(name = "wfrun.cluster-gateway.stale-after", defaultValue = "90s") Duration stale,
      Clock clock) {
    return new AgentRegistry(stale, clock);
  }

  @Produces
  @ApplicationScoped
  TunnelCalls calls(@ConfigProperty(name = "wfrun.cluster-gateway.request-timeout", defaultValue = "30s") Duration timeout) {
    return new TunnelCalls(timeout, 10_000);
  }

  @Produces
  @ApplicationScoped
  dev.wfrun.core.tunnel.TunnelStreams streams() {
    return new dev.wfrun.core.tunnel.TunnelStreams(1_000);
  }

  @Produces
  @ApplicationScoped
  PlaneAuthorizer authorizer(KubernetesClient client) {
    return new PlaneAuthorizer(client);
  }

  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    options.setMaxWebSocketFrameSize(1024 * 1024).setMaxWebSocketMessageSize(MAX_MESSAGE);
  }
}
