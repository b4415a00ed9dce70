package dev.wfrun.clustergateway;

import dev.wfrun.agent.ClusterAgent;
import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.argo.ArgoWorkflowStatus;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.dev.api.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An Argo Workflow's status change in the build plane to the CloudEvent status-sync receives, through
 * agent and gateway with wfrun's watch extension (the production poll interval, 20 s, so polling cannot
 * deliver it in time): 300 changes, one at a time, each timed from the write to the Broker's receipt of
 * the event that carries it. A load run, not a test: excluded from {@code mvn verify}; run it with
 * {@code mvn -B test -pl gateway/cluster-gateway -Dgroups=bench -Dwfrun.excluded.groups=none -Dtest=StatusEventLatencyBench}.
 */
@QuarkusTest
@Tag("bench")
@QuarkusTestResource(value = TunnelWorld.class, restrictToAnnotatedClass = true, initArgs = {
    @io.quarkus.test.common.ResourceArg(name = "pingInterval", value = "30s"),
    @io.quarkus.test.common.ResourceArg(name = "pollInterval", value = "20s")})
class StatusEventLatencyBench {
  private static final int WARM_UP = 50;
  private static final int CHANGES = 300;

  @Test
  void argoStatusChangeToBrokerEventThroughTheWatch() throws Exception {
    try (EmbeddedApiServer plane = TunnelWorld.streamingBuildPlane();
        ClusterAgent agent = TunnelWorld.streamingAgent("status-bench", plane, System.out)) {
      plane.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName("openchoreo-ci-default").endMetadata().build()).createOr(n -> n.update());
      var workflows = plane.client().resources(ArgoWorkflow.class).inNamespace("openchoreo-ci-default");
      ArgoWorkflow wf = new ArgoWorkflow();
      wf.setMetadata(new ObjectMetaBuilder().withName("bench-run").withNamespace("openchoreo-ci-default")
          .withLabels(Map.of(OpenChoreo.LABEL_MANAGED_BY, OpenChoreo.MANAGED_BY_VALUE)).build());
      workflows.resource(wf).create();
      // the first event after connect comes from the resync tick or the watch's start; wait for the watch
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int seq = 0;
      while (!change(workflows, seq++, Duration.ofSeconds(2)).watched()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no event from the watch within 60 s");
        }
      }
      for (int i = 0; i < WARM_UP; i++) {
        change(workflows, seq++, Duration.ofSeconds(10));
      }
      long[] nanos = new long[CHANGES];
      for (int i = 0; i < CHANGES; i++) {
        Change c = change(workflows, seq++, Duration.ofSeconds(10));
        if (!c.watched()) {
          throw new AssertionError("change " + i + " arrived by polling, not by the watch");
        }
        nanos[i] = c.nanos();
      }
      Arrays.sort(nanos);
      System.out.printf("Argo status change -> Broker event through the tunnel (watch), %d changes: "
          + "p50 %.2f ms p90 %.2f ms p99 %.2f ms max %.2f ms%n", CHANGES, ms(nanos, 50), ms(nanos, 90),
          ms(nanos, 99), nanos[CHANGES - 1] / 1e6);
    }
  }

  private record Change(long nanos, boolean watched) {}

  private static Change change(NonNamespaceOperation<ArgoWorkflow, ?, Resource<ArgoWorkflow>> workflows, int seq,
      Duration wait) throws InterruptedException {
    String marker = Instant.EPOCH.plusSeconds(seq).toString();
    long t0 = System.nanoTime();
    workflows.withName("bench-run").edit(w -> {
      ArgoWorkflowStatus status = w.getStatus() == null ? new ArgoWorkflowStatus() : w.getStatus();
      status.setPhase("Running");
      status.setStartedAt(marker);
      w.setStatus(status);
      return w;
    });
    long deadline = t0 + wait.toNanos();
    while (System.nanoTime() < deadline) {
      String[] event = TunnelWorld.EVENTS.poll(50, TimeUnit.MILLISECONDS);
      if (event != null && "bench-run".equals(event[2]) && event[3].contains(marker)) {
        return new Change(System.nanoTime() - t0, event[4] != null && event[4].endsWith("/watch"));
      }
    }
    return new Change(wait.toNanos(), false);
  }

  private static double ms(long[] sorted, int percentile) {
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
  }
}
