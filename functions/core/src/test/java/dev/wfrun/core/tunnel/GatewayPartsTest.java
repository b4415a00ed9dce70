package dev.wfrun.core.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cluster gateway's parts without a network: proxy paths, the registry, pending calls. */
class GatewayPartsTest {
  /** A connection that records what is sent. */
  private static final class Recording implements AgentConnection {
    final String id;
    final List<String> sent = new CopyOnWriteArrayList<>();
    volatile Instant seen;
    volatile Set<PlaneKey> planes;
    boolean closed;

    Recording(String id, Instant seen, PlaneKey... planes) {
      this.id = id;
      this.seen = seen;
      this.planes = Set.of(planes);
    }

    public String id() { return id; }
    public String planeType() { return "workflowplane"; }
    public String planeId() { return "default"; }
    public void send(String text) { sent.add(text); }
    public void close(int code, String reason) { closed = true; }
    public Instant lastSeen() { return seen; }
    public Set<PlaneKey> authorized() { return planes; }
    public void authorize(Set<PlaneKey> p) { planes = p; }
  }

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private final AgentRegistry registry = new AgentRegistry(Duration.ofSeconds(90), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void proxyPathsAreParsedAndRefusedAsUpstreamDoes() {
    assertThat(ProxyPath.parse("/api/proxy/workflowplane/p1/_cluster/default/k8s/api/v1/namespaces"))
        .isEqualTo(new ProxyPath.Ok(new ProxyPath("workflowplane", "p1", PlaneKey.cluster("default"), "k8s",
            "/api/v1/namespaces")));
    assertThat(ProxyPath.parse("/api/proxy/workflowplane/p1/team/plane/k8s/api/v1/pods"))
        .isInstanceOfSatisfying(ProxyPath.Ok.class, ok -> assertThat(ok.path().plane()).isEqualTo(new PlaneKey("team", "plane")));
    assertThat(ProxyPath.parse("/api/proxy/workflowplane/p1/_cluster/d/k8s/api/v1/../secrets")).isEqualTo(
        new ProxyPath.Refused(400, "invalid path"));
    assertThat(ProxyPath.parse("/api/proxy/workflowplane/p1/_cluster/d/k8s/api/v1/namespaces/kube-system/secrets/x"))
        .isEqualTo(new ProxyPath.Refused(403, "path is denied through the proxy"));
    assertThat(ProxyPath.parse("/api/proxy/workflowplane/p1/_cluster/d/exec/x")).isInstanceOf(ProxyPath.Refused.class);
    assertThat(ProxyPath.parse("/api/proxy/spaceship/p1/_cluster/d/k8s/x")).isInstanceOf(ProxyPath.Refused.class);
  }

  @Test
  void requestsGoRoundRobinAmongTheConnectionsOfACrAndSilentOnesDoNotCount() {
    PlaneKey plane = PlaneKey.cluster("default");
    Recording a = new Recording("a", NOW, plane);
    Recording b = new Recording("b", NOW, plane);
    Recording silent = new Recording("c", NOW.minusSeconds(91), plane);
    registry.add(a);
    registry.add(b);
    registry.add(silent);
    assertThat(List.of(registry.pick(plane).orElseThrow().id(), registry.pick(plane).orElseThrow().id(),
        registry.pick(plane).orElseThrow().id())).containsExactly("a", "b", "a");
    assertThat(registry.status("workflowplane", "default", plane).connectedAgents()).isEqualTo(2);
    assertThat(registry.pick(new PlaneKey("team", "other"))).isEmpty();
    assertThat(registry.dropStale()).isEqualTo(1);
    assertThat(silent.closed).isTrue();
  }

  @Test
  void answersAreMatchedByRequestIdAndADroppedConnectionFailsItsCalls() throws Exception {
    TunnelCalls calls = new TunnelCalls(Duration.ofSeconds(30), 10);
    Recording agent = new Recording("a", NOW, PlaneKey.cluster("default"));
    var call = calls.call(agent, new TunnelFrame.Request("", "", "k8s", "GET", "/version", "", Map.of(), new byte[0]));
    TunnelFrame.Request sent = (TunnelFrame.Request) TunnelFrames.read(agent.sent.get(0)).orElseThrow();
    assertThat(sent.gatewayRequestId()).startsWith("gw-").hasSize(19);
    assertThat(calls.complete(new TunnelFrame.Response("unknown", 200, Map.of(), new byte[0], null))).isFalse();
    assertThat(calls.complete(new TunnelFrame.Response(sent.requestId(), 200, Map.of(), new byte[0], null))).isTrue();
    assertThat(call.get(1, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

    var hanging = calls.call(agent, new TunnelFrame.Request("", "", "k8s", "GET", "/x", "", Map.of(), new byte[0]));
    assertThat(calls.failAll("a", "dropped")).isEqualTo(1);
    assertThatThrownBy(() -> hanging.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("dropped");
    assertThat(calls.pending()).isZero();
  }

  @Test
  void aDroppedConnectionEndsItsStreamsAndFreesTheirSlots() {
    TunnelStreams streams = new TunnelStreams(2);
    Recording dropped = new Recording("a", NOW, PlaneKey.cluster("default"));
    Recording other = new Recording("b", NOW, PlaneKey.cluster("default"));
    List<String> ends = new CopyOnWriteArrayList<>();
    String watch = streams.start(dropped, "/apis/argoproj.io/v1alpha1/workflows", "watch=true",
        c -> ends.add((c.close() ? "closed " : "chunk ") + c.requestId()));
    String kept = streams.start(other, "/api/v1/pods", "follow=true", c -> ends.add("other " + c.requestId()));
    assertThat(streams.start(other, "/x", "", c -> { })).as("at the bound").isNull();

    streams.closeAll("a");

    assertThat(ends).containsExactly("closed " + watch);
    assertThat(streams.open()).isEqualTo(1);
    assertThat(streams.deliver(new TunnelFrame.StreamChunk(watch, new byte[] {1}, 0, false))).isFalse();
    assertThat(streams.deliver(new TunnelFrame.StreamChunk(kept, new byte[] {1}, 0, false))).isTrue();
    assertThat(streams.start(other, "/x", "", c -> { })).as("the slot is free again").isNotNull();
  }
}
