package dev.wfrun.clustergateway;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The agents' TLS listener ({@code /ws} only), a server of its own rather than Quarkus's HTTPS port,
 * so that it can bound what a connection may hold without finishing a request: a client that has not
 * sent a complete request within {@code header-timeout} of connecting (a slowloris dribbling header
 * bytes, or one that says nothing) is cut off with a log line; so is one silent for
 * {@code idle-timeout} (agents are pinged every 30 s). One request per connection: anything but the
 * upgrade (a refusal, a 404 for anything but {@code /ws}) is answered and the connection closed.
 */
@Singleton
public class PublicListener {
  private static final Logger LOG = Logger.getLogger(PublicListener.class);

  @Inject Vertx vertx;
  @Inject TunnelRoutes routes;

  @ConfigProperty(name = "wfrun.cluster-gateway.public.port", defaultValue = "8443")
  int port;
  @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
  String host;
  @ConfigProperty(name = "wfrun.cluster-gateway.public.certificate")
  Optional<String> certificate;
  @ConfigProperty(name = "wfrun.cluster-gateway.public.key")
  Optional<String> key;
  @ConfigProperty(name = "wfrun.cluster-gateway.public.header-timeout", defaultValue = "10s")
  Duration headerTimeout;
  @ConfigProperty(name = "wfrun.cluster-gateway.public.idle-timeout", defaultValue = "60s")
  Duration idleTimeout;

  private HttpServer server;

  void start(@Observes StartupEvent start) throws Exception {
    if (certificate.isEmpty() || key.isEmpty()) {
      LOG.warn("no agents' listener: set wfrun.cluster-gateway.public.certificate and .key "
          + "(WFRUN_CLUSTER_GATEWAY_PUBLIC_CERTIFICATE, WFRUN_CLUSTER_GATEWAY_PUBLIC_KEY)");
      return;
    }
    Router router = Router.router(vertx);
    router.route("/ws").handler(routes::agent);
    router.route().handler(rc -> rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
        .end("agents connect at /ws"));
    Set<HttpConnection> requested = ConcurrentHashMap.newKeySet();
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificate.get()).setKeyPath(key.get()))
        // every agent is asked for its certificate, and whichever it presents is taken here: the check is
        // per plane CR, against that CR's clientCA, once the planeID is known (as upstream's gateway)
        .setClientAuth(ClientAuth.REQUEST).setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()))
        .setSslHandshakeTimeout(headerTimeout.toMillis()).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout((int) idleTimeout.toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setMaxWebSocketFrameSize(1024 * 1024).setMaxWebSocketMessageSize(GatewayBeans.MAX_MESSAGE);
    server = vertx.createHttpServer(options)
        .connectionHandler(connection -> {
          long deadline = vertx.setTimer(headerTimeout.toMillis(), t -> {
            if (!requested.contains(connection)) {
              LOG.infof("client dropped (%s): no complete request within %d ms of connecting",
                  connection.remoteAddress(), headerTimeout.toMillis());
              connection.close();
            }
          });
          connection.closeHandler(v -> {
            vertx.cancelTimer(deadline);
            requested.remove(connection);
          });
        })
        .requestHandler(request -> {
          requested.add(request.connection());
          // one request per connection: after an answer that is not the upgrade (a refusal, a 404) the
          // connection closes, so a second request cannot be dribbled past the deadline
          request.response().endHandler(v -> request.connection().close());
          router.handle(request);
        });
    server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    LOG.infof("agents' listener on https://%s:%d/ws", host, server.actualPort());
  }

  void stop(@Observes ShutdownEvent stop) throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
