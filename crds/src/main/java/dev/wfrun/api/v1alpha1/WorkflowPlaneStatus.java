package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Status of a WorkflowPlane or ClusterWorkflowPlane. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowPlaneStatus(
    Long observedGeneration, List<Condition> conditions, AgentConnection agentConnection) {

  /** Whether the plane's API answers, and when it last did. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AgentConnection(
      boolean connected,
      int connectedAgents,
      String lastConnectedTime,
      String lastDisconnectedTime,
      String lastHeartbeatTime,
      String message) {}
}
