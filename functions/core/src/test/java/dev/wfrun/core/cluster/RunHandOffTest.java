package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.testing.World;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A webhook's 2xx means its runs exist, whatever happens to the Broker or create-runs. */
class RunHandOffTest {
  private final World world = new World();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @AfterEach
  void close() {
    executor.shutdownNow();
    world.close();
  }

  private static WorkflowRun run(String name) {
    return Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: %s, namespace: default}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://github.com/o/r}}}}
        """.formatted(name));
  }

  private RunHandOff handOff(Optional<RunHandOff.Channel> channel) {
    return new RunHandOff(world.as("wfrun-gateway"), channel, Duration.ofMillis(300), executor);
  }

  private boolean exists(String name) {
    return world.run(new RunKey("default", name)) != null;
  }

  @Test
  void runsTheBrokerAcceptedButNobodyCreatedAreCreatedByTheGateway() throws Exception {
    RunHandOff.Channel lost = (runs, trace) -> CompletableFuture.completedFuture(null); // dead-lettered later

    RunHandOff.Outcome outcome = handOff(Optional.of(lost)).submit(List.of(run("a"), run("b")), "")
        .get(10, TimeUnit.SECONDS);

    assertThat(outcome).isEqualTo(new RunHandOff.Outcome(2, 0, 2));
    assertThat(exists("a")).isTrue();
    assertThat(exists("b")).isTrue();
  }

  @Test
  void runsCreateRunsCreatedInTimeAreNotCreatedTwice() throws Exception {
    RunCreator createRuns = new RunCreator(world.as("wfrun-create-runs"));
    RunHandOff.Channel working = (runs, trace) -> CompletableFuture.runAsync(() -> runs.forEach(createRuns::create));

    RunHandOff.Outcome outcome = handOff(Optional.of(working)).submit(List.of(run("c")), "").get(10, TimeUnit.SECONDS);

    assertThat(outcome).isEqualTo(new RunHandOff.Outcome(1, 0, 0));
    assertThat(exists("c")).isTrue();
  }

  @Test
  void aBrokerThatRefusesIsNoReasonToLoseTheRun() throws Exception {
    RunHandOff.Channel down = (runs, trace) -> CompletableFuture.failedFuture(new IllegalStateException("503"));

    assertThat(handOff(Optional.of(down)).submit(List.of(run("d")), "").get(10, TimeUnit.SECONDS).createdHere())
        .isEqualTo(1);
    assertThat(exists("d")).isTrue();
  }

  @Test
  void aRedeliveryCountsAsADuplicateAndCreatesNothing() throws Exception {
    handOff(Optional.empty()).submit(List.of(run("e")), "").get(10, TimeUnit.SECONDS);

    RunHandOff.Outcome again = handOff(Optional.empty()).submit(List.of(run("e")), "").get(10, TimeUnit.SECONDS);

    assertThat(again).isEqualTo(new RunHandOff.Outcome(0, 1, 0));
  }

  /**
   * Without a Broker each run costs one create (an AlreadyExists answer is the redelivery): an
   * identity that may only create WorkflowRuns, not read them, hands runs off and sees redeliveries.
   */
  @Test
  void withoutABrokerARunIsOneCreateAndNoRead() throws Exception {
    try (World strict = new World(dev.wfrun.core.testing.ApiServers.controlPlaneReviewing(
        java.util.Map.of("creator-token", "creator"),
        java.util.Set.of(dev.wfrun.core.testing.ApiServers.grant("creator", "create", "openchoreo.dev/workflowruns",
            "default"))));
        var creator = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
            new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                .withMasterUrl(strict.controlServer.url()).withOauthToken("creator-token").withTrustCerts(true).build())
            .build()) {
      RunHandOff direct = new RunHandOff(creator, Optional.empty(), Duration.ofMillis(300), executor);

      assertThat(direct.submit(List.of(run("g"), run("h")), "").get(10, TimeUnit.SECONDS))
          .isEqualTo(new RunHandOff.Outcome(2, 0, 2));
      assertThat(direct.submit(List.of(run("g"), run("i")), "").get(10, TimeUnit.SECONDS))
          .as("g is a redelivery, i is new").isEqualTo(new RunHandOff.Outcome(1, 1, 1));
      assertThat(strict.run(new RunKey("default", "i"))).isNotNull();
    }
  }

  @Test
  void anApiServerThatIsDownFailsTheHandOffSoTheProviderRetries() {
    world.controlServer.close();

    assertThatThrownBy(() -> handOff(Optional.empty()).submit(List.of(run("f")), "").get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }
}
