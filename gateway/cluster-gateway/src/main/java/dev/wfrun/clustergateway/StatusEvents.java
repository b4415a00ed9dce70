package dev.wfrun.clustergateway;

import dev.wfrun.core.tunnel.AgentConnection;
import dev.wfrun.core.tunnel.AgentRegistry;
import dev.wfrun.core.tunnel.ApiServerEvents;
import dev.wfrun.core.tunnel.PlaneKey;
import dev.wfrun.core.tunnel.TunnelCalls;
import dev.wfrun.core.tunnel.TunnelFrame;
import dev.wfrun.core.tunnel.WorkflowChanges;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps status-sync event-driven for planes behind an agent: for each plane with a connected agent
 * it lists wfrun's Argo Workflows through the tunnel every {@code poll-interval} (upstream's
 * controller polls every 20 s; this is the fallback that works with a stock agent) and posts the
 * changes to the Broker as the {@code dev.knative.apiserver.resource.update}/{@code .delete}
 * CloudEvents an ApiServerSource would send. Off without {@code wfrun.cluster-gateway.broker-url}.
 */
@ApplicationScoped
public class StatusEvents {
  private static final Logger LOG = Logger.getLogger(StatusEvents.class);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<PlaneKey, WorkflowChanges> planes = new ConcurrentHashMap<>();

  @Inject AgentRegistry registry;
  @Inject TunnelCalls calls;

  @ConfigProperty(name = "wfrun.cluster-gateway.broker-url")
  Optional<URI> broker;

  @Scheduled(every = "${wfrun.cluster-gateway.poll-interval:20s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    if (broker.isEmpty()) {
      return;
    }
    java.util.Set<PlaneKey> live = new java.util.HashSet<>();
    registry.all().forEach(c -> live.addAll(c.authorized()));
    planes.keySet().retainAll(live);
    for (PlaneKey plane : live) {
      Optional<AgentConnection> agent = registry.pick(plane);
      if (agent.isEmpty()) {
        continue;
      }
      try {
        TunnelFrame.Response list = calls.call(agent.get(), new TunnelFrame.Request("", "", "k8s", "GET",
            WorkflowChanges.LIST_PATH, "labelSelector=" + URLEncoder.encode(WorkflowChanges.SELECTOR, StandardCharsets.UTF_8),
            Map.of("Accept", List.of("application/json")), new byte[0])).get(30, TimeUnit.SECONDS);
        if (list.statusCode() != 200) {
          LOG.infof("plane %s: listing Argo Workflows answered %d", plane, list.statusCode());
          continue;
        }
        for (WorkflowChanges.Change change : planes.computeIfAbsent(plane, k -> new WorkflowChanges()).next(list.body())) {
          HttpResponse<Void> sent = http.send(ApiServerEvents.post(broker.get(), change.deleted(), change.object(),
              "wfrun/cluster-gateway/" + plane).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
          if (sent.statusCode() >= 300) {
            LOG.infof("plane %s: the Broker answered %d", plane, sent.statusCode());
          }
        }
      } catch (Exception e) {
        LOG.infof("plane %s: polling Argo Workflows failed: %s", plane, e.toString());
      }
    }
  }
}
