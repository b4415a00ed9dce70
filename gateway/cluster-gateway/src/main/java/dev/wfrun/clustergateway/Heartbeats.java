package dev.wfrun.clustergateway;

import dev.wfrun.core.tunnel.AgentConnection;
import dev.wfrun.core.tunnel.AgentRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Pings every agent (upstream: every 30 s) and drops those not seen for the stale deadline (90 s). */
@ApplicationScoped
public class Heartbeats {
  private static final Logger LOG = Logger.getLogger(Heartbeats.class);
  @Inject AgentRegistry registry;
  @Inject PlaneStatusWriter statuses;

  @Scheduled(every = "${wfrun.cluster-gateway.ping-interval:30s}")
  void beat() {
    for (AgentConnection c : registry.all()) {
      if (c instanceof VertxAgentConnection v) {
        v.ping();
      }
    }
    int dropped = registry.dropStale();
    if (dropped > 0) {
      LOG.infof("dropped %d agent connections without a pong", dropped);
    }
    statuses.refreshAll();
  }
}
