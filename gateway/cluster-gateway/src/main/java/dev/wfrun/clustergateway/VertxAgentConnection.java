package dev.wfrun.clustergateway;

import dev.wfrun.core.tunnel.AgentConnection;
import dev.wfrun.core.tunnel.PlaneKey;
import io.vertx.core.http.ServerWebSocket;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** An agent's WebSocket on the gateway's Vert.x server, with the chain it presented (for revalidation). */
final class VertxAgentConnection implements AgentConnection {
  private final String id = UUID.randomUUID().toString();
  private final ServerWebSocket socket;
  private final String planeType;
  private final String planeId;
  private final List<X509Certificate> chain;
  private final Clock clock;
  private volatile Instant lastSeen;
  private volatile Set<PlaneKey> authorized;
  private final boolean streams;

  VertxAgentConnection(ServerWebSocket socket, String planeType, String planeId, List<X509Certificate> chain,
      Set<PlaneKey> authorized, boolean streams, Clock clock) {
    this.socket = socket;
    this.streams = streams;
    this.planeType = planeType;
    this.planeId = planeId;
    this.chain = List.copyOf(chain);
    this.authorized = Set.copyOf(authorized);
    this.clock = clock;
    this.lastSeen = clock.instant();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String planeType() {
    return planeType;
  }

  @Override
  public String planeId() {
    return planeId;
  }

  @Override
  public boolean streams() {
    return streams;
  }

  List<X509Certificate> chain() {
    return chain;
  }

  void seen() {
    lastSeen = clock.instant();
  }

  private long frameWindow;
  private int framesInWindow;

  /** Counts a frame; true when this second's frames are over {@code max} (handlers run on one event loop). */
  boolean overFrameRate(int max) {
    long second = System.nanoTime() / 1_000_000_000L;
    if (second != frameWindow) {
      frameWindow = second;
      framesInWindow = 0;
    }
    return ++framesInWindow > max;
  }

  void ping() {
    socket.writePing(io.vertx.core.buffer.Buffer.buffer("wfrun"));
  }

  @Override
  public void send(String text) {
    socket.writeTextMessage(text);
  }

  @Override
  public void close(int code, String reason) {
    socket.close((short) code, reason);
  }

  @Override
  public Instant lastSeen() {
    return lastSeen;
  }

  @Override
  public Set<PlaneKey> authorized() {
    return authorized;
  }

  @Override
  public void authorize(Set<PlaneKey> planes) {
    authorized = Set.copyOf(planes);
  }

  String remote() {
    return String.valueOf(socket.remoteAddress());
  }
}
