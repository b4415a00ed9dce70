package dev.wfrun.clustergateway;

import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlaneSpec;
import dev.wfrun.api.v1alpha1.WorkflowPlaneStatus;
import dev.wfrun.core.tunnel.AgentConnectionStatus;
import dev.wfrun.core.tunnel.AgentRegistry;
import dev.wfrun.core.tunnel.PlaneKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.StartupEvent;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Writes each agent-served plane's {@code status.agentConnection} and Ready condition from the
 * registry: at once when one of its agents connects or drops, and with every heartbeat round (so
 * {@code lastHeartbeatTime} stays current and a silent agent turns into "disconnected" within the
 * stale deadline), not only on the resync tick.
 */
@Singleton
public class PlaneStatusWriter {
  private static final Logger LOG = Logger.getLogger(PlaneStatusWriter.class);
  private final ExecutorService writes = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "wfrun-plane-status");
    t.setDaemon(true);
    return t;
  });
  private final Set<PlaneKey> known = ConcurrentHashMap.newKeySet();

  @Inject AgentRegistry registry;
  @Inject KubernetesClient client;
  @Inject Clock clock;

  void start(@Observes StartupEvent start) {
    registry.onChange(plane -> {
      known.add(plane);
      writes.execute(() -> write(plane));
    });
  }

  /** Every plane that has had an agent: its status now (heartbeats, stale agents). */
  void refreshAll() {
    registry.all().forEach(c -> known.addAll(c.authorized()));
    known.forEach(plane -> writes.execute(() -> write(plane)));
  }

  private void write(PlaneKey plane) {
    try {
      if (plane.namespace().isEmpty()) {
        var op = client.resources(ClusterWorkflowPlane.class).withName(plane.name());
        ClusterWorkflowPlane cr = op.get();
        if (cr != null) {
          WorkflowPlaneStatus next = next(plane, cr.getSpec(), cr.getStatus(), cr.getMetadata().getGeneration());
          if (!next.equals(cr.getStatus())) {
            cr.setStatus(next);
            client.resources(ClusterWorkflowPlane.class).resource(cr).updateStatus();
          }
        }
      } else {
        WorkflowPlane cr = client.resources(WorkflowPlane.class).inNamespace(plane.namespace()).withName(plane.name()).get();
        if (cr != null) {
          WorkflowPlaneStatus next = next(plane, cr.getSpec(), cr.getStatus(), cr.getMetadata().getGeneration());
          if (!next.equals(cr.getStatus())) {
            cr.setStatus(next);
            client.resources(WorkflowPlane.class).inNamespace(plane.namespace()).resource(cr).updateStatus();
          }
        }
      }
    } catch (KubernetesClientException e) {
      LOG.infof("status of plane %s not written (%d): %s; the next heartbeat tries again", plane, e.getCode(),
          e.getMessage());
    } catch (IllegalStateException stopping) {
      // the client closed while the gateway shuts down
    }
  }

  private WorkflowPlaneStatus next(PlaneKey plane, WorkflowPlaneSpec spec, WorkflowPlaneStatus current, Long generation) {
    String planeId = spec != null && spec.planeID() != null && !spec.planeID().isEmpty() ? spec.planeID() : plane.name();
    return AgentConnectionStatus.next(current, registry.status("workflowplane", planeId, plane), generation,
        clock.instant().toString());
  }
}
