package dev.wfrun.core.tunnel;

import java.time.Instant;
import java.util.Set;

/** One agent's WebSocket as the gateway holds it. Implementations serialise their writes. */
public interface AgentConnection {
  String id();

  String planeType();

  String planeId();

  /** Sends one text frame. */
  void send(String text);

  /** Drops the connection. */
  void close(int code, String reason);

  /** When the agent last sent anything (a pong counts). */
  Instant lastSeen();

  /** Whether the agent announced wfrun's stream extension (watches, log follow) when it connected. */
  default boolean streams() {
    return false;
  }

  /** The plane CRs it verified against; replaced when a plane's CA changes. */
  Set<PlaneKey> authorized();

  void authorize(Set<PlaneKey> planes);
}
