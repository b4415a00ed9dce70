package dev.wfrun.core.tunnel;

import dev.wfrun.api.v1alpha1.WorkflowPlaneStatus;
import dev.wfrun.api.v1alpha1.WorkflowPlaneStatus.AgentConnection;
import dev.wfrun.core.status.Conditions;

/**
 * A plane's {@code status.agentConnection} and Ready condition from the cluster gateway's registry,
 * in upstream's words: {@code 1 agent connected}, {@code N agents connected (HA mode)},
 * {@code No agents connected}; connect and disconnect times on transitions; the heartbeat is the
 * last pong or message of any of its agents (a connection silent past the stale deadline is not
 * counted, so a half-open one never reads as connected).
 */
public final class AgentConnectionStatus {
  public static final String READY = "Ready";

  private AgentConnectionStatus() {}

  public static WorkflowPlaneStatus next(WorkflowPlaneStatus current, AgentRegistry.PlaneStatus live, Long generation,
      String now) {
    AgentConnection previous = current == null ? null : current.agentConnection();
    boolean was = previous != null && previous.connected();
    boolean is = live.connected();
    String message = live.connectedAgents() == 0 ? "No agents connected"
        : live.connectedAgents() == 1 ? "1 agent connected" : live.connectedAgents() + " agents connected (HA mode)";
    AgentConnection connection = new AgentConnection(is, live.connectedAgents(),
        is && !was ? now : previous == null ? null : previous.lastConnectedTime(),
        !is && was ? now : previous == null ? null : previous.lastDisconnectedTime(),
        live.lastSeen() != null ? live.lastSeen().toString() : previous == null ? null : previous.lastHeartbeatTime(),
        message);
    long gen = generation == null ? 1 : generation;
    var conditions = Conditions.set(current == null ? null : current.conditions(), READY, is,
        is ? "AgentConnected" : "AgentDisconnected",
        is ? message : "No cluster agent of this plane is connected to the cluster gateway", gen, now);
    return new WorkflowPlaneStatus(gen, conditions, connection);
  }
}
