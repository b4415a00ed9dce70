package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlaneSpec;
import dev.wfrun.api.v1alpha1.WorkflowPlaneStatus;
import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** resync probes each build plane and records the result in the plane's status. */
class PlaneProbeTest {
  private final World world = new World();

  @AfterEach
  void close() {
    world.close();
  }

  private ClusterWorkflowPlane plane() {
    return world.control.resources(ClusterWorkflowPlane.class).withName("default").get();
  }

  @Test
  void aReachableBuildPlaneIsReadyWithoutASyntheticAgentConnection() {
    world.resync.tick();
    WorkflowPlaneStatus status = plane().getStatus();
    assertThat(status.agentConnection()).as("no agent reported it: reached through its kubeconfig").isNull();
    assertThat(status.conditions()).extracting(Condition::getType, Condition::getStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Ready", "True"));
  }

  @Test
  void aMissingObservabilityPlaneMakesThePlaneNotReady() {
    ClusterWorkflowPlane plane = plane();
    WorkflowPlaneSpec spec = plane.getSpec();
    plane.setSpec(new WorkflowPlaneSpec(spec.planeID(), spec.clusterAgent(), spec.secretStoreRef(),
        new WorkflowPlaneSpec.ObservabilityPlaneRef("ClusterObservabilityPlane", "production-observability")));
    world.control.resources(ClusterWorkflowPlane.class).resource(plane).update();
    world.resync.tick();
    Condition ready = plane().getStatus().conditions().get(0);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ObservabilityPlaneNotFound");
    assertThat(ready.getMessage()).contains("ClusterObservabilityPlane \"production-observability\"");
  }

  @Test
  void anUnreachableBuildPlaneIsDisconnectedAndSaysWhen() {
    world.resync.tick();
    world.buildServer.close();
    world.clock.advance(Duration.ofMinutes(5));
    world.resync.tick();
    WorkflowPlaneStatus status = plane().getStatus();
    assertThat(status.agentConnection()).isNull();
    assertThat(status.conditions().get(0).getStatus()).isEqualTo("False");
    assertThat(status.conditions().get(0).getLastTransitionTime()).isEqualTo(World.START.plusSeconds(300).toString());
    assertThat(status.conditions().get(0).getReason()).isEqualTo("PlaneUnreachable");
  }
}
