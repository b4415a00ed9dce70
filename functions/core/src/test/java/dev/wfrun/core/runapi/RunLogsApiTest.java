package dev.wfrun.core.runapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.core.cluster.BuildPlanes;
import dev.wfrun.core.cluster.RunEvents;
import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.cluster.RunLogFollow;
import dev.wfrun.core.cluster.RunLogs;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run's step logs and pod events through the run API: live, followed without gaps or doubles, bounded. */
class RunLogsApiTest {
  private static final String READER = "Bearer reader-token";
  private static final String NS = "openchoreo-ci-default";
  private final World world = new World(ApiServers.controlPlaneReviewing(Map.of("reader-token", "reader"),
      Set.of(ApiServers.grant("reader", "get", "openchoreo.dev/workflowruns", "default"))));
  private final KubernetesClient service = world.as("wfrun-workload-api");
  private final BuildPlanes planes = new BuildPlanes(service);
  /** What the follow's pause does instead of sleeping: plays the kubelet between two reads. */
  private final java.util.ArrayDeque<Runnable> between = new java.util.ArrayDeque<>();
  private final RunLogs runLogs = new RunLogs(service, planes);
  private final RunLogsApi api = new RunLogsApi(service, runLogs,
      new RunLogFollow(service, runLogs, world.clock, Duration.ofSeconds(1), Duration.ofMinutes(5), d -> {
        world.clock.advance(d);
        Runnable next = between.poll();
        if (next != null) {
          next.run();
        }
      }), new RunEvents(service, planes));

  @AfterEach
  void close() {
    planes.close();
    world.close();
  }

  private RunKey run(String name) {
    return world.createRunYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: %s, namespace: default}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://github.com/myorg/hello-world}}}}
        """.formatted(name));
  }

  @Test
  void logsAreTheTaskPodsLinesWithTimestampsWithoutArgosWaitSidecar() {
    RunKey key = run("with-logs");
    world.dispatch.dispatch(key);
    String ns = "openchoreo-ci-default";
    pod("with-logs-clone", "with-logs[0].clone-step");
    pod("with-logs-build", "with-logs[1].build-step");
    var logs = world.buildServer.server().podLogs();
    java.time.Instant t = java.time.Instant.parse("2026-12-01T10:00:00Z");
    logs.append(ns, "with-logs-clone", "main", t, "Cloning into 'source'...");
    logs.append(ns, "with-logs-clone", "wait", t, "argo executor noise");
    logs.append(ns, "with-logs-build", "main", t.plusSeconds(30), "Step 1/4 : FROM alpine");
    logs.append(ns, "with-logs-build", "main", t.plusSeconds(40), "Successfully built 4b825dc");

    RunApiAnswer all = api.logs(READER, "default", "with-logs", null, null);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.body()).hasSize(3);
    assertThat(all.body().get(0).path("task").asText()).isEqualTo("clone-step");
    assertThat(all.body().get(0).path("timestamp").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(all.body().get(0).path("log").asText()).isEqualTo("Cloning into 'source'...");
    assertThat(all.body().toString()).doesNotContain("argo executor noise");

    assertThat(api.logs(READER, "default", "with-logs", "build-step", null).body()).hasSize(2);
    world.buildServer.server().clock(java.time.Clock.fixed(t.plusSeconds(50), java.time.ZoneOffset.UTC));
    assertThat(api.logs(READER, "default", "with-logs", "build-step", "15").body())
        .singleElement().satisfies(l -> assertThat(l.path("log").asText()).isEqualTo("Successfully built 4b825dc"));
    assertThat(api.logs(READER, "default", "with-logs", null, "soon").detail()).startsWith("sinceSeconds:");

    world.build.resources(ArgoWorkflow.class).inAnyNamespace().delete();
    RunApiAnswer gone = api.logs(READER, "default", "with-logs", null, null);
    assertThat(gone.body()).isEmpty();
    assertThat(gone.headers().get(RunApiAnswer.LOGS_UNAVAILABLE_HEADER)).contains("gone from its plane");
  }

  @Test
  void oneLogAnswerIsBoundedHoweverManyTaskPodsTheRunHas() {
    RunKey key = run("many-pods");
    world.dispatch.dispatch(key);
    String big = "x".repeat(dev.wfrun.core.cluster.RunLogs.MAX_BYTES_PER_CONTAINER);
    for (int i = 0; i < 5; i++) {
      pod("many-pods-step" + i, "many-pods[" + i + "].step" + i);
      world.buildServer.server().podLogs().append("openchoreo-ci-default", "many-pods-step" + i, "main",
          java.time.Instant.parse("2026-12-01T10:00:00Z"), big);
    }
    RunApiAnswer answer = api.logs(READER, "default", "many-pods", null, null);
    long bytes = 0;
    for (var line : answer.body()) {
      bytes += line.path("log").asText().length();
    }
    assertThat(bytes).isLessThanOrEqualTo(dev.wfrun.core.cluster.RunLogs.MAX_BYTES_TOTAL);
    assertThat(answer.body().size()).isLessThan(5);
    assertThat(answer.headers().get(RunApiAnswer.LOGS_UNAVAILABLE_HEADER)).startsWith("truncated:");
  }

  @Test
  void theLogsOfARunNotYetDispatchedSayWhyThereAreNone() {
    run("not-yet");
    RunApiAnswer none = api.logs(READER, "default", "not-yet", null, null);
    assertThat(none.body()).isEmpty();
    assertThat(none.headers().get(RunApiAnswer.LOGS_UNAVAILABLE_HEADER)).isEqualTo("the run has not been dispatched yet");
  }

  private void pod(String name, String node) {
    world.build.pods().inNamespace("openchoreo-ci-default").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata().withName(name).withNamespace("openchoreo-ci-default")
        .withLabels(Map.of("workflows.argoproj.io/workflow", name.substring(0, name.lastIndexOf('-'))))
        .withAnnotations(Map.of("workflows.argoproj.io/node-name", node)).endMetadata()
        .withNewSpec().addNewContainer().withName("wait").withImage("argoexec").endContainer()
        .addNewContainer().withName("main").withImage("alpine").endContainer().endSpec().build()).create();
  }

  @Test
  void followingHandsOnEachLineOnceAsItArrivesAndEndsWhenTheRunCompletes() {
    RunKey key = run("followed");
    world.dispatch.dispatch(key);
    pod("followed-build", "followed[0].build-step");
    var kubelet = world.buildServer.server().podLogs();
    java.time.Instant t = World.START;
    kubelet.append(NS, "followed-build", "main", t, "Step 1/3 : FROM alpine");
    between.add(() -> kubelet.append(NS, "followed-build", "main", t, "Step 2/3 : RUN make")); // same second
    between.add(() -> { }); // a read with nothing new
    between.add(() -> kubelet.append(NS, "followed-build", "main", t.plusSeconds(3), "Step 3/3 : COPY app /"));
    between.add(() -> {
      kubelet.append(NS, "followed-build", "main", t.plusSeconds(4), "Successfully built 4b825dc");
      world.setArgoStatus(key, dev.wfrun.core.testing.ArgoProgress.at(key.name(),
          dev.wfrun.core.testing.ArgoProgress.STEPS.size(), World.START));
      world.sync.sync(key);
    });
    java.util.List<String> seen = new java.util.ArrayList<>();

    RunLogFollow.End end = api.follow("default", "followed", null, null, line -> seen.add(line.path("log").asText()));

    assertThat(end).isEqualTo(RunLogFollow.End.RUN_COMPLETED);
    assertThat(seen).containsExactly("Step 1/3 : FROM alpine", "Step 2/3 : RUN make", "Step 3/3 : COPY app /",
        "Successfully built 4b825dc");
  }

  @Test
  void aStreamingFollowHandsOnEachLineOnceWhetherItCameByStreamOrByRead() {
    RunKey key = run("streamed");
    world.dispatch.dispatch(key);
    pod("streamed-build", "streamed[0].build-step");
    pod("streamed-test", "streamed[1].test-step");
    var kubelet = world.buildServer.server().podLogs();
    kubelet.append(NS, "streamed-build", "main", World.START, "build 1");
    kubelet.append(NS, "streamed-build", "main", World.START, "build 2");
    kubelet.append(NS, "streamed-test", "main", World.START.plusSeconds(1), "test 1");
    RunLogsApi streaming = new RunLogsApi(service, runLogs, new RunLogFollow(service, runLogs, world.clock,
        Duration.ofMillis(50), Duration.ofMinutes(1), d -> { }, true), new RunEvents(service, planes));
    java.util.List<String> seen = new java.util.ArrayList<>();

    RunLogFollow.End end = streaming.follow("default", "streamed", null, null, line -> {
      seen.add(line.path("log").asText());
      if (seen.size() == 3) { // everything is there: the run completes
        world.setArgoStatus(key, dev.wfrun.core.testing.ArgoProgress.at(key.name(),
            dev.wfrun.core.testing.ArgoProgress.STEPS.size(), World.START));
        world.sync.sync(key);
      }
      return true;
    });

    assertThat(end).isEqualTo(RunLogFollow.End.RUN_COMPLETED);
    assertThat(seen).containsExactlyInAnyOrder("build 1", "build 2", "test 1");
  }

  @Test
  void aFollowEndsWhenTheCallerGoesAndIsRefusedLikeAnyLogRead() {
    RunKey key = run("left");
    world.dispatch.dispatch(key);
    pod("left-build", "left[0].build-step");
    world.buildServer.server().podLogs().append(NS, "left-build", "main", World.START, "one");
    world.buildServer.server().podLogs().append(NS, "left-build", "main", World.START, "two");
    assertThat(api.follow("default", "left", null, null, line -> false)).isEqualTo(RunLogFollow.End.CALLER_GONE);
    assertThat(api.followRefusal("Bearer nobody", "default", "left", null, null)).get()
        .satisfies(a -> assertThat(a.status()).isEqualTo(401));
    assertThat(api.followRefusal(READER, "default", "absent", null, null)).get()
        .satisfies(a -> assertThat(a.status()).isEqualTo(404));
    assertThat(api.followRefusal(READER, "default", "left", null, "-3")).get()
        .satisfies(a -> assertThat(a.detail()).startsWith("sinceSeconds:"));
    assertThat(api.followRefusal(READER, "default", "left", null, null)).isEmpty();
  }

  @Test
  void eventsAreThoseOfTheRunsTaskPodsOldestFirst() {
    RunKey key = run("with-events");
    world.dispatch.dispatch(key);
    pod("with-events-build", "with-events[0].build-step");
    event("e1", "with-events-build", "2026-12-01T10:00:05Z", "Normal", "Pulled", "Container image \"alpine\" pulled");
    event("e0", "with-events-build", "2026-12-01T10:00:01Z", "Normal", "Scheduled", "Assigned to node-1");
    event("e2", "someone-elses-pod", "2026-12-01T10:00:02Z", "Warning", "BackOff", "not ours");

    RunApiAnswer events = api.events(READER, "default", "with-events", null);
    assertThat(events.status()).isEqualTo(200);
    assertThat(events.body()).hasSize(2);
    assertThat(events.body().get(0).path("reason").asText()).isEqualTo("Scheduled");
    assertThat(events.body().get(1).path("message").asText()).isEqualTo("Container image \"alpine\" pulled");
    assertThat(events.body().get(0).path("task").asText()).isEqualTo("build-step");
    assertThat(events.body().toString()).doesNotContain("not ours");
    RunApiAnswer none = api.events(READER, "default", "with-events", "other-step");
    assertThat(none.body()).isEmpty();
    assertThat(none.headers().get(RunApiAnswer.EVENTS_UNAVAILABLE_HEADER)).contains("other-step");
  }

  private void event(String name, String pod, String at, String type, String reason, String message) {
    world.build.v1().events().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.EventBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewInvolvedObject().withKind("Pod").withName(pod).withNamespace(NS).endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message).withLastTimestamp(at).build()).create();
  }
}
