package dev.wfrun.clustergateway;

import dev.wfrun.core.tunnel.AgentConnection;
import dev.wfrun.core.tunnel.AgentRegistry;
import dev.wfrun.core.tunnel.ApiServerEvents;
import dev.wfrun.core.tunnel.PlaneKey;
import dev.wfrun.core.tunnel.TunnelCalls;
import dev.wfrun.core.tunnel.TunnelFrame;
import dev.wfrun.core.engine.RunObjectType;
import dev.wfrun.core.events.BinaryCloudEvents;
import dev.wfrun.core.events.CloudEventTypes;
import dev.wfrun.core.tunnel.RunObjectChanges;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
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
 * A singleton (as the other beans here that own threads or clients): a normal-scoped bean's client
 * proxy runs the field initialisers too, here a second HTTP client and its selector thread.
 */
@Singleton
public class StatusEvents {
  private static final Logger LOG = Logger.getLogger(StatusEvents.class);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** The run objects watched: the standard engine's (Argo Workflows). */
  private static final RunObjectType WATCHED = RunObjectChanges.watchedType();
  private final Map<PlaneKey, RunObjectChanges> planes = new ConcurrentHashMap<>();

  @Inject AgentRegistry registry;
  @Inject TunnelCalls calls;
  @Inject dev.wfrun.core.tunnel.TunnelStreams streams;
  /** Planes watched through an agent with the stream extension: plane → the agent and stream id. */
  private final Map<PlaneKey, String[]> watching = new ConcurrentHashMap<>();
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** Starts a plane's watch when its agent connects (off the event loop: a poll blocks). */
  private final java.util.concurrent.ScheduledExecutorService tending = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "wfrun-status-events");
    t.setDaemon(true);
    return t;
  });

  private final java.util.concurrent.ExecutorService posting = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "wfrun-broker-post");
    t.setDaemon(true);
    return t;
  });

  @ConfigProperty(name = "wfrun.cluster-gateway.broker-url")
  Optional<URI> broker;

  /**
   * wfrun's extension: a watch through the agent, each event posted as it arrives (no 20 s polling
   * delay); when the watch ends (the agent dropped, the API server closed it) another starts a second
   * later, or the plane is polled when no streaming agent is left.
   */
  private void watch(PlaneKey plane, AgentConnection agent) {
    String query = "watch=true&labelSelector=" + URLEncoder.encode(RunObjectChanges.SELECTOR, StandardCharsets.UTF_8);
    String[] handle = {agent.id(), null};
    watching.put(plane, handle);
    StringBuilder partial = new StringBuilder();
    String id = streams.start(agent, WATCHED.listPath(), query, chunk -> {
      if (chunk.close()) {
        // a watch the API server ended (its timeout) starts again in a second, not at the next tick; a new
        // watch lists what exists first, so nothing that changed meanwhile is missed
        if (watching.remove(plane, handle)) {
          tending.schedule(() -> tend(plane), 1, TimeUnit.SECONDS);
        }
        return;
      }
      partial.append(new String(chunk.data(), StandardCharsets.UTF_8));
      int newline;
      while ((newline = partial.indexOf("\n")) >= 0) {
        String line = partial.substring(0, newline).trim();
        partial.delete(0, newline + 1);
        if (!line.isEmpty()) {
          emitWatchEvent(plane, line);
        }
      }
    });
    if (id == null) {
      watching.remove(plane, handle);
    } else {
      handle[1] = id;
    }
  }

  private void emitWatchEvent(PlaneKey plane, String line) {
    try {
      com.fasterxml.jackson.databind.JsonNode event = JSON.readTree(line);
      String type = event.path("type").asText();
      if (!java.util.Set.of("ADDED", "MODIFIED", "DELETED").contains(type)) {
        return;
      }
      var object = RunObjectChanges.withKind(WATCHED, event.path("object"));
      post(plane, ApiServerEvents.post(broker.get(), type.equals("DELETED"), object,
          "wfrun/cluster-gateway/" + plane + "/watch").timeout(Duration.ofSeconds(5)).build());
    } catch (Exception e) {
      LOG.infof("plane %s: a watch event could not be posted: %s", plane, e.toString());
    }
  }

  /**
   * Posts to the Broker in order, off the event loop, on one thread kept for it (the JDK client's
   * {@code sendAsync} would complete each on {@code CompletableFuture}'s default executor: a new thread
   * per event on two cores).
   */
  private void post(PlaneKey plane, java.net.http.HttpRequest event) {
    posting.execute(() -> {
      try {
        HttpResponse<Void> sent = http.send(event, HttpResponse.BodyHandlers.discarding());
        if (sent.statusCode() >= 300) {
          LOG.infof("plane %s: the Broker answered %d", plane, sent.statusCode());
        }
      } catch (java.io.IOException e) {
        LOG.infof("plane %s: an event could not be posted: %s", plane, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /**
   * When an agent connects to a plane (its live connections grow), resync runs at once (a
   * {@code wfruntask: resync} tick, as the PingSource sends): the runs that waited with
   * {@code WorkflowPlaneAgentNotConnected} dispatch now, not on the next 5-minute tick. Counted per
   * connect, not only for a plane's first agent: a new agent that comes while the gateway has not yet
   * noticed the old one's drop still brings the tick (a resync that finds nothing to do is cheap).
   */
  void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
    Map<PlaneKey, Integer> liveAgents = new ConcurrentHashMap<>();
    registry.onChange(plane -> {
      boolean[] connected = {false};
      liveAgents.compute(plane, (k, before) -> {
        int now = registry.live(plane).size();
        connected[0] = now > (before == null ? 0 : before);
        return now;
      });
      if (!connected[0]) {
        return;
      }
      // its watch starts now, not at the next poll tick (the run that waited would otherwise miss up to
      // a poll interval of events)
      tending.execute(() -> tend(plane));
      broker.ifPresent(url -> post(plane, BinaryCloudEvents.post(url, BinaryCloudEvents.json(CloudEventTypes.PING,
              "wfrun/cluster-gateway/" + plane, JSON.createObjectNode().put("agentConnected", plane.toString())
                  .toString().getBytes(StandardCharsets.UTF_8))
          .withExtension(CloudEventTypes.TASK_ATTRIBUTE, "resync").build()).timeout(Duration.ofSeconds(5)).build()));
    });
  }

  @Scheduled(every = "${wfrun.cluster-gateway.poll-interval:20s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    if (broker.isEmpty()) {
      return;
    }
    java.util.Set<PlaneKey> live = new java.util.HashSet<>();
    registry.all().forEach(c -> live.addAll(c.authorized()));
    planes.keySet().retainAll(live);
    watching.keySet().retainAll(live);
    live.forEach(this::tend);
  }

  /**
   * One plane's events: a watch through a streaming agent when none runs (events then arrive as they
   * happen), else one poll through any live agent. Serialised, so a connect and a tick never start
   * two watches of one plane.
   */
  private synchronized void tend(PlaneKey plane) {
    if (broker.isEmpty()) {
      return;
    }
    Optional<AgentConnection> agent = registry.pick(plane);
    if (agent.isEmpty()) {
      return;
    }
    String[] watched = watching.get(plane);
    if (watched != null && registry.live(plane).stream().anyMatch(c -> c.id().equals(watched[0]))) {
      return; // events arrive as they happen
    }
    if (watched != null) {
      watching.remove(plane, watched); // its agent is gone: watch through another, or poll
    }
    Optional<AgentConnection> streaming = registry.live(plane).stream().filter(AgentConnection::streams).findFirst();
    if (streaming.isPresent()) {
      watch(plane, streaming.get());
      return;
    }
    try {
      TunnelFrame.Response list = calls.call(agent.get(), new TunnelFrame.Request("", "", "k8s", "GET",
          WATCHED.listPath(), "labelSelector=" + URLEncoder.encode(RunObjectChanges.SELECTOR, StandardCharsets.UTF_8),
          Map.of("Accept", List.of("application/json")), new byte[0])).get(30, TimeUnit.SECONDS);
      if (list.statusCode() != 200) {
        LOG.infof("plane %s: listing run objects answered %d", plane, list.statusCode());
        return;
      }
      for (RunObjectChanges.Change change : planes.computeIfAbsent(plane, k -> new RunObjectChanges(WATCHED)).next(list.body())) {
        HttpResponse<Void> sent = http.send(ApiServerEvents.post(broker.get(), change.deleted(), change.object(),
            "wfrun/cluster-gateway/" + plane + "/poll").timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (sent.statusCode() >= 300) {
          LOG.infof("plane %s: the Broker answered %d", plane, sent.statusCode());
        }
      }
    } catch (Exception e) {
      LOG.infof("plane %s: polling run objects failed: %s", plane, e.toString());
    }
  }
}
