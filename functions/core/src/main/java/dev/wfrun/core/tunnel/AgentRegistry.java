package dev.wfrun.core.tunnel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The cluster gateway's live agent connections: who is connected for which plane CR, requests
 * routed round-robin among the connections authorised for a CR, and the status the plane
 * controllers write into {@code status.agentConnection}. A connection not seen for {@code stale}
 * (upstream: 90 s) counts as gone, so a half-open connection never reads as connected.
 */
public final class AgentRegistry {
  /** One plane's status as upstream's plane API answers it. */
  public record PlaneStatus(String planeType, String planeId, boolean connected, int connectedAgents,
      Instant lastSeen) {}

  private final List<AgentConnection> connections = new CopyOnWriteArrayList<>();
  private final Map<PlaneKey, AtomicLong> turns = new ConcurrentHashMap<>();
  private final Duration stale;
  private final java.time.Clock clock;
  private final List<Consumer<PlaneKey>> listeners = new CopyOnWriteArrayList<>();

  public AgentRegistry(Duration stale, java.time.Clock clock) {
    this.stale = stale;
    this.clock = clock;
  }

  /** Called with each plane CR whose connections changed (connect, drop, re-authorisation). */
  public void onChange(Consumer<PlaneKey> listener) {
    listeners.add(listener);
  }

  public void add(AgentConnection connection) {
    connections.add(connection);
    connection.authorized().forEach(this::changed);
  }

  public void remove(AgentConnection connection) {
    if (connections.remove(connection)) {
      connection.authorized().forEach(this::changed);
    }
  }

  private void changed(PlaneKey plane) {
    listeners.forEach(l -> l.accept(plane));
  }

  /** The next live connection authorised for the plane, round-robin; empty when there is none. */
  public Optional<AgentConnection> pick(PlaneKey plane) {
    List<AgentConnection> live = live(plane);
    if (live.isEmpty()) {
      return Optional.empty();
    }
    long turn = turns.computeIfAbsent(plane, k -> new AtomicLong()).getAndIncrement();
    return Optional.of(live.get((int) Math.floorMod(turn, (long) live.size())));
  }

  /** Whether any live connection of this plane type and id exists, authorised or not. */
  public boolean anyFor(String planeType, String planeId) {
    return connections.stream().anyMatch(c -> c.planeType().equals(planeType) && c.planeId().equals(planeId)
        && isLive(c));
  }

  public List<AgentConnection> live(PlaneKey plane) {
    List<AgentConnection> out = new ArrayList<>();
    for (AgentConnection c : connections) {
      if (c.authorized().contains(plane) && isLive(c)) {
        out.add(c);
      }
    }
    return out;
  }

  public List<AgentConnection> all() {
    return List.copyOf(connections);
  }

  private boolean isLive(AgentConnection c) {
    return Duration.between(c.lastSeen(), clock.instant()).compareTo(stale) <= 0;
  }

  /** Upstream's status of one plane: all its agents, or with {@code plane} only those authorised for it. */
  public PlaneStatus status(String planeType, String planeId, PlaneKey plane) {
    Instant lastSeen = null;
    int count = 0;
    for (AgentConnection c : connections) {
      if (!c.planeType().equals(planeType) || !c.planeId().equals(planeId)) {
        continue;
      }
      if (plane != null && !c.authorized().contains(plane)) {
        continue;
      }
      if (isLive(c)) {
        count++;
      }
      if (lastSeen == null || c.lastSeen().isAfter(lastSeen)) {
        lastSeen = c.lastSeen();
      }
    }
    return new PlaneStatus(planeType, planeId, count > 0, count, lastSeen);
  }

  /** Drops the connections that were not seen for the stale deadline; how many it dropped. */
  public int dropStale() {
    int dropped = 0;
    for (AgentConnection c : connections) {
      if (!isLive(c)) {
        c.close(1001, "no pong or message for " + stale.toSeconds() + "s");
        remove(c);
        dropped++;
      }
    }
    return dropped;
  }
}
