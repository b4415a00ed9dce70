package dev.wfrun.clustergateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.tunnel.AgentConnection;
import dev.wfrun.core.tunnel.AgentRegistry;
import dev.wfrun.core.tunnel.MalformedFrameException;
import dev.wfrun.core.tunnel.PlaneAuthorizer;
import dev.wfrun.core.tunnel.PlaneKey;
import dev.wfrun.core.tunnel.ProxyPath;
import dev.wfrun.core.tunnel.TunnelCalls;
import dev.wfrun.core.tunnel.TunnelFrame;
import dev.wfrun.core.tunnel.TunnelFrames;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The gateway's HTTP surface, as upstream's: {@code /ws} (on {@link PublicListener}) where agents connect,
 * authorised per plane CR by their client certificate; the proxy
 * {@code /api/proxy/{planeType}/{planeID}/{ns|_cluster}/{name}/{target}/...} and the plane API
 * {@code /api/v1/planes/...} on the internal listener, each call authenticated by {@link CallerAuth}.
 */
@Singleton
public class TunnelRoutes {
  private static final Logger LOG = Logger.getLogger(TunnelRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
      "proxy-authorization", "te", "trailer", "host", "content-length", "authorization");

  /** More frames than this in one second from one agent is a flood: the agent is dropped. */
  static final int MAX_FRAMES_PER_SECOND = 2_000;

  @Inject AgentRegistry registry;
  @Inject TunnelCalls calls;
  @Inject dev.wfrun.core.tunnel.TunnelStreams streamsOpen;
  @Inject PlaneAuthorizer authorizer;
  @Inject CallerAuth callers;
  @Inject Clock clock;

  @ConfigProperty(name = "wfrun.cluster-gateway.max-body-size", defaultValue = "10485760")
  long maxBody;

  void routes(@Observes Router router) {
    // agents dial the agents' listener (PublicListener), not this one
    router.route("/ws").handler(rc -> text(rc, 404, "agents connect on the TLS listener"));
    router.route(ProxyPath.PREFIX + "*").handler(BodyHandler.create().setBodyLimit(maxBody)).handler(this::proxyRoute);
    router.route("/api/v1/planes/*").handler(BodyHandler.create().setBodyLimit(64 * 1024)).blockingHandler(
        rc -> internal(rc, this::planes), false);
  }

  // --- agents -------------------------------------------------------------------------------

  /** {@code /ws} on the agents' listener ({@link PublicListener}). */
  void agent(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    if (!request.isSSL()) {
      text(rc, 404, "agents connect on the TLS listener");
      return;
    }
    String planeType = request.getParam("planeType");
    String planeId = request.getParam("planeID");
    if (planeType == null || planeType.isEmpty() || planeId == null || planeId.isEmpty()) {
      text(rc, 400, "planeType and planeID are required");
      return;
    }
    if (!Set.of("dataplane", "workflowplane", "observabilityplane").contains(planeType)) {
      text(rc, 400, "unknown planeType " + planeType);
      return;
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c : request.sslSession().getPeerCertificates()) {
        chain.add((X509Certificate) c);
      }
    } catch (javax.net.ssl.SSLPeerUnverifiedException | NullPointerException e) {
      LOG.infof("agent refused (%s %s from %s): no client certificate presented", planeType, planeId,
          request.remoteAddress());
      text(rc, 401, "no client certificate presented");
      return;
    }
    request.pause();
    rc.vertx().<PlaneAuthorizer.Decision>executeBlocking(() -> authorizer.decide(planeType, planeId, chain), false)
        .onComplete(result -> {
          request.resume();
          if (result.failed()) {
            LOG.warnf("agent refused (%s %s): the planes could not be read: %s", planeType, planeId,
                result.cause().getMessage());
            text(rc, 503, "the planes could not be read");
            return;
          }
          PlaneAuthorizer.Decision decision = result.result();
          if (decision.authorized().isEmpty()) {
            LOG.infof("agent refused (%s %s from %s): %s", planeType, planeId, request.remoteAddress(),
                decision.refusals());
            text(rc, 401, "certificate not valid for any CR with planeID " + planeId);
            return;
          }
          request.toWebSocket().onSuccess(ws -> {
            boolean streams = "watch".equals(request.getParam("wfrunStreams")); // wfrun's stream extension
            VertxAgentConnection connection = new VertxAgentConnection(ws, planeType, planeId, chain,
                decision.authorized(), streams, clock);
            ws.textMessageHandler(text -> {
              connection.seen();
              if (connection.overFrameRate(MAX_FRAMES_PER_SECOND)) {
                LOG.warnf("agent dropped: %s %s (%s) sent more than %d frames in a second", planeType, planeId,
                    connection.remote(), MAX_FRAMES_PER_SECOND);
                ws.close((short) 1008, "frame flood");
                return;
              }
              answer(connection, text);
            });
            ws.pongHandler(b -> connection.seen());
            ws.exceptionHandler(e -> {
              LOG.infof("agent %s: %s", connection.id(), e.getMessage());
              if (e.getMessage() != null && e.getMessage().contains("max message size")) {
                // Vert.x reports a message over the limit and would keep reading the connection
                LOG.warnf("agent dropped: %s %s (%s) sent a message over %d bytes", planeType, planeId,
                    connection.remote(), GatewayBeans.MAX_MESSAGE);
                ws.close((short) 1009, "message too big");
              }
            });
            ws.closeHandler(v -> {
              registry.remove(connection);
              calls.failAll(connection.id(), "the agent's connection dropped");
              streamsOpen.closeAll(connection.id());
              LOG.infof("agent dropped: %s %s for %s (%s)", planeType, planeId, connection.authorized(),
                  connection.remote());
            });
            registry.add(connection);
            LOG.infof("agent connected: %s %s for %s (%s)", planeType, planeId, decision.authorized(),
                connection.remote());
          }).onFailure(e -> LOG.infof("agent upgrade failed: %s", e.getMessage()));
        });
  }

  private void answer(VertxAgentConnection connection, String text) {
    try {
      TunnelFrames.read(text).ifPresent(frame -> {
        if (frame instanceof TunnelFrame.Response response && !calls.complete(response)) {
          LOG.debugf("agent %s answered unknown request %s", connection.id(), response.requestId());
        }
        if (frame instanceof TunnelFrame.StreamChunk chunk && !streamsOpen.deliver(chunk)) {
          LOG.debugf("agent %s sent a chunk of unknown stream %s", connection.id(), chunk.requestId());
        }
      });
    } catch (MalformedFrameException e) {
      LOG.infof("agent %s sent a malformed frame: %s", connection.id(), e.getMessage());
    }
  }

  // --- the internal listener ------------------------------------------------------------------

  private interface Handler {
    void handle(RoutingContext rc) throws Exception;
  }

  private void internal(RoutingContext rc, Handler handler) {
    if (rc.request().isSSL()) {
      text(rc, 404, "not served on the public listener");
      return;
    }
    try {
      String[] refused = callers.refusal(rc.request().getHeader("Authorization"));
      if (refused != null) {
        text(rc, Integer.parseInt(refused[0]), refused[1]);
        return;
      }
      handler.handle(rc);
    } catch (Exception e) {
      LOG.warnf("internal call %s failed: %s", rc.request().path(), e.toString());
      text(rc, 502, "tunnel error: " + e.getMessage());
    }
  }

  /**
   * The proxy without a worker thread: a caller reviewed within the minute is let through on the
   * event loop, the agent's answer written back on the request's own context; only a TokenReview
   * runs off the event loop.
   */
  private void proxyRoute(RoutingContext rc) {
    if (rc.request().isSSL()) {
      text(rc, 404, "not served on the public listener");
      return;
    }
    String authorization = rc.request().getHeader("Authorization");
    String[] cached = callers.cachedRefusal(authorization);
    if (cached == CallerAuth.ALLOWED) {
      proxyAsync(rc);
      return;
    }
    if (cached != null) {
      text(rc, Integer.parseInt(cached[0]), cached[1]);
      return;
    }
    rc.vertx().<String[]>executeBlocking(() -> callers.refusal(authorization), false).onComplete(result -> {
      if (result.failed()) {
        text(rc, 502, "the caller's token could not be reviewed");
      } else if (result.result() != null) {
        text(rc, Integer.parseInt(result.result()[0]), result.result()[1]);
      } else {
        proxyAsync(rc);
      }
    });
  }

  private void proxyAsync(RoutingContext rc) {
    io.vertx.core.Context context = rc.vertx().getOrCreateContext();
    java.util.concurrent.CompletableFuture<TunnelFrame.Response> answer = send(rc);
    if (answer == null) {
      return; // refused, already answered
    }
    answer.whenComplete((response, error) -> context.runOnContext(v -> {
      if (error != null) {
        text(rc, 502, "tunnel error: " + error.getMessage());
      } else {
        respond(rc, response);
      }
    }));
  }

  /** Sends the proxied request to an agent; null when it was refused (and answered). */
  private java.util.concurrent.CompletableFuture<TunnelFrame.Response> send(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    ProxyPath.Parsed parsed = ProxyPath.parse(request.path());
    if (parsed instanceof ProxyPath.Refused refused) {
      text(rc, refused.status(), refused.message());
      return null;
    }
    ProxyPath path = ((ProxyPath.Ok) parsed).path();
    String query = request.query() == null ? "" : request.query();
    String lowerQuery = query.toLowerCase(Locale.ROOT);
    boolean streaming = lowerQuery.contains("watch=true") || lowerQuery.contains("watch=1")
        || lowerQuery.contains("follow=true");
    if (request.getHeader("Upgrade") != null) {
      text(rc, 501, "upgrades are not supported through the proxy");
      return null;
    }
    if (streaming) {
      // wfrun's extension: only through an agent that announced it (upstream answers 501)
      AgentConnection streamer = registry.live(path.plane()).stream().filter(AgentConnection::streams).findFirst()
          .orElse(null);
      if (streamer == null) {
        text(rc, 501, "streaming needs an agent with wfrun's stream extension; none is connected for this plane");
      } else {
        stream(rc, streamer, path, query);
      }
      return null;
    }
    AgentConnection connection = registry.pick(path.plane()).orElse(null);
    if (connection == null) {
      if (registry.anyFor(path.planeType(), path.planeId())) {
        text(rc, 403, "Agent not authorized for CR");
      } else {
        text(rc, 502, "no agent connected for " + path.planeType() + " " + path.planeId());
      }
      return null;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    MultiMap incoming = request.headers();
    for (String name : incoming.names()) {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        headers.put(name, incoming.getAll(name));
      }
    }
    byte[] body = rc.body() == null || rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    return calls.call(connection, new TunnelFrame.Request("", "", path.target(), request.method().name(), path.path(),
        query, headers, body));
  }

  /** A watch or log follow through a streaming agent: each chunk written as it arrives, until either side ends it. */
  private void stream(RoutingContext rc, AgentConnection agent, ProxyPath path, String query) {
    io.vertx.core.Context context = rc.vertx().getOrCreateContext();
    var response = rc.response().setChunked(true).setStatusCode(200)
        .putHeader("Content-Type", query.contains("follow=true") ? "text/plain; charset=utf-8" : "application/json");
    String id = streamsOpen.start(agent, path.path(), query, chunk -> context.runOnContext(v -> {
      if (response.ended() || response.closed()) {
        return;
      }
      if (chunk.status() >= 300 && !response.headWritten()) {
        // the API server refused the stream: its status and answer, as for a plain request
        response.setChunked(false).setStatusCode(chunk.status()).putHeader("Content-Type", "application/json")
            .end(Buffer.buffer(chunk.data() == null ? new byte[0] : chunk.data()));
        return;
      }
      if (chunk.data() != null && chunk.data().length > 0) {
        response.write(Buffer.buffer(chunk.data()));
      }
      if (chunk.close()) {
        response.end();
      }
    }));
    if (id == null) {
      text(rc, 503, "too many streams open");
      return;
    }
    response.closeHandler(v -> streamsOpen.stop(agent, id));
  }

  private void respond(RoutingContext rc, TunnelFrame.Response response) {
    if (response.error() != null && response.statusCode() >= 500 && (response.body() == null || response.body().length == 0)) {
      text(rc, 502, "tunnel error: " + response.error().message());
      return;
    }
    var out = rc.response().setStatusCode(response.statusCode());
    response.headers().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        out.putHeader(name, values);
      }
    });
    out.end(Buffer.buffer(response.body() == null ? new byte[0] : response.body()));
  }

  private void planes(RoutingContext rc) throws Exception {
    String path = rc.request().path().substring("/api/v1/planes".length());
    String method = rc.request().method().name();
    if (method.equals("POST") && path.equals("/notify")) {
      JsonNode body = JSON.readTree(rc.body().asString() == null ? "{}" : rc.body().asString());
      notify(rc, body.path("planeType").asText(), body.path("planeID").asText(), body.path("event").asText(),
          new PlaneKey(body.path("namespace").asText(""), body.path("name").asText()));
      return;
    }
    if (method.equals("GET") && path.equals("/status")) {
      Map<String, AgentRegistry.PlaneStatus> planes = new LinkedHashMap<>();
      for (AgentConnection c : registry.all()) {
        planes.putIfAbsent(c.planeType() + "/" + c.planeId(), registry.status(c.planeType(), c.planeId(), null));
      }
      ObjectNode out = JSON.createObjectNode();
      ArrayNode list = out.putArray("planes");
      planes.values().forEach(s -> list.add(statusJson(s)));
      out.put("total", planes.size());
      json(rc, 200, out);
      return;
    }
    String[] parts = path.split("/");
    if (parts.length == 4 && method.equals("GET") && parts[3].equals("status")) {
      String ns = rc.request().getParam("namespace");
      String name = rc.request().getParam("name");
      PlaneKey plane = name == null || name.isEmpty() ? null : new PlaneKey(ns, name);
      json(rc, 200, statusJson(registry.status(parts[1], parts[2], plane)));
      return;
    }
    if (parts.length == 4 && method.equals("POST") && parts[3].equals("reconnect")) {
      int dropped = 0;
      for (AgentConnection c : registry.all()) {
        if (c.planeType().equals(parts[1]) && c.planeId().equals(parts[2])) {
          c.close(1012, "reconnect requested");
          registry.remove(c);
          dropped++;
        }
      }
      json(rc, 200, JSON.createObjectNode().put("success", true).put("action", "reconnect")
          .put("disconnectedAgents", dropped));
      return;
    }
    text(rc, 404, "no such plane API");
  }

  /** A plane CR was created, updated or deleted: re-check every connection of its planeID against the CAs now. */
  private void notify(RoutingContext rc, String planeType, String planeId, String event, PlaneKey plane) {
    int granted = 0;
    int revoked = 0;
    int disconnected = 0;
    for (AgentConnection c : registry.all()) {
      if (!c.planeType().equals(planeType) || !c.planeId().equals(planeId)
          || !(c instanceof VertxAgentConnection connection)) {
        continue;
      }
      if (event.equals("deleted")) {
        Set<PlaneKey> left = new java.util.HashSet<>(c.authorized());
        left.remove(plane);
        if (left.isEmpty()) {
          c.close(1008, "plane deleted");
          registry.remove(c);
          disconnected++;
        } else {
          c.authorize(left);
        }
        continue;
      }
      Set<PlaneKey> before = c.authorized();
      Set<PlaneKey> now = authorizer.decide(planeType, planeId, connection.chain()).authorized();
      granted += (int) now.stream().filter(p -> !before.contains(p)).count();
      revoked += (int) before.stream().filter(p -> !now.contains(p)).count();
      c.authorize(now);
    }
    ObjectNode out = JSON.createObjectNode().put("success", true);
    if (event.equals("deleted")) {
      out.put("action", "disconnect").put("disconnectedAgents", disconnected);
    } else {
      out.put("action", "revalidate").put("authorizationsGranted", granted).put("authorizationsRevoked", revoked);
    }
    json(rc, 200, out);
  }

  private static ObjectNode statusJson(AgentRegistry.PlaneStatus s) {
    ObjectNode out = JSON.createObjectNode().put("planeType", s.planeType()).put("planeID", s.planeId())
        .put("connected", s.connected()).put("connectedAgents", s.connectedAgents());
    if (s.lastSeen() != null) {
      out.put("lastSeen", s.lastSeen().toString());
    }
    return out;
  }

  private static void json(RoutingContext rc, int status, JsonNode body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
  }

  private static void text(RoutingContext rc, int status, String message) {
    if (!rc.response().ended()) {
      rc.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message + "\n");
    }
  }
}
