package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.status.RunConditions;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.World;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.PushEvent;
import dev.wfrun.core.webhook.RunRequests;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Component's build queue: with {@code wfrun.dev/max-concurrent-builds}, runs beyond the cap wait in
 * the order they were received, say their place, and start as slots free up (queue-advance).
 */
class BuildQueueTest {
  private static final Instant PUSHED = Instant.parse("2026-12-01T10:00:00.100Z");
  private final World world = new World();
  private final RunCreator creator = new RunCreator(world.as("wfrun-create-runs"));
  private final QueueAdvance advance = new QueueAdvance(world.as("wfrun-render-dispatch"), world.dispatch, world.clock);

  @AfterEach
  void close() {
    world.close();
  }

  private void annotate(Map<String, String> annotations) {
    world.control.resources(Component.class).inNamespace("default").withName("greeter-service").edit(c -> {
      c.getMetadata().setAnnotations(annotations);
      return c;
    });
  }

  private RunKey push(String delivery, String branch, int millisLater) {
    Component component = world.control.resources(Component.class).inNamespace("default").withName("greeter-service")
        .get();
    PushEvent event = new PushEvent(GitProviders.GITHUB, PushEvent.Kind.BRANCH_PUSH,
        "https://github.com/openchoreo/sample-workloads", branch, "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6",
        Set.of(), true, "", "dev", delivery);
    WorkflowRun run = RunRequests.build(component, event, Map.of("commit", "repository.revision.commit"),
        PUSHED.plusMillis(millisLater));
    creator.create(run);
    RunKey key = Runs.keyOf(run);
    world.dispatch.dispatch(key);
    return key;
  }

  private void succeed(RunKey key) {
    world.setArgoStatus(key, ArgoProgress.at(key.name(), ArgoProgress.STEPS.size(), World.START));
    world.sync.sync(key);
  }

  private Condition completed(RunKey key) {
    return world.run(key).getStatus().conditions().stream().filter(c -> c.getType().equals(RunConditions.COMPLETED))
        .findFirst().orElseThrow();
  }

  @Test
  void runsBeyondTheCapWaitAndSayTheirPlace() {
    annotate(Map.of(BuildQueue.ANNOTATION, "1"));
    RunKey first = push("d-1", "main", 0);
    RunKey second = push("d-2", "feature-a", 100);
    RunKey third = push("d-3", "feature-b", 200);

    assertThat(world.argo(first)).as("the first run takes the only slot").isNotNull();
    assertThat(world.argo(second)).as("the second waits").isNull();
    assertThat(world.argo(third)).isNull();
    assertThat(completed(second).getReason()).isEqualTo(RunConditions.REASON_QUEUED);
    assertThat(completed(second).getMessage()).isEqualTo(
        "queued behind 1 run of component greeter-service (1 of 1 slot in use)");
    assertThat(completed(third).getMessage()).isEqualTo(
        "queued behind 2 runs of component greeter-service (1 of 1 slot in use)");
    assertThat(world.run(second).getStatus().phase()).isEqualTo("Pending");
    assertThat(world.run(second).getStatus().startedAt()).as("it starts when it leaves the queue").isNull();
  }

  @Test
  void aFinishedRunLetsTheOldestWaitingOneStart() {
    annotate(Map.of(BuildQueue.ANNOTATION, "1"));
    RunKey first = push("d-1", "main", 0);
    RunKey second = push("d-2", "feature-a", 100);
    RunKey third = push("d-3", "feature-b", 200);

    assertThat(advance.advance(first, Map.of()).kind()).as("a running run frees nothing")
        .isEqualTo(StepResult.Kind.NOTHING);
    succeed(first);
    StepResult moved = advance.advance(first, Map.of());

    assertThat(moved.kind()).isEqualTo(StepResult.Kind.DONE);
    assertThat(world.argo(second)).as("next in line").isNotNull();
    assertThat(world.run(second).getStatus().startedAt()).isNotNull();
    assertThat(world.argo(third)).as("still one slot").isNull();
    assertThat(completed(third).getMessage()).isEqualTo(
        "queued behind 1 run of component greeter-service (1 of 1 slot in use)");
    succeed(second);
    advance.advance(second, Map.of());
    assertThat(world.argo(third)).isNotNull();
  }

  @Test
  void aWaitingRunDispatchedOutOfTurnStillWaits() {
    annotate(Map.of(BuildQueue.ANNOTATION, "1"));
    RunKey first = push("d-1", "main", 0);
    RunKey second = push("d-2", "feature-a", 100);
    RunKey third = push("d-3", "feature-b", 200);
    succeed(first);

    // a redelivered or resync dispatch of the third run: the second is ahead of it
    assertThat(world.dispatch.dispatch(third).kind()).isEqualTo(StepResult.Kind.RETRY);
    assertThat(world.argo(third)).isNull();
    assertThat(world.dispatch.dispatch(second).kind()).isEqualTo(StepResult.Kind.DONE);
  }

  @Test
  void aCapOfTwoRunsTwoAtOnce() {
    annotate(Map.of(BuildQueue.ANNOTATION, "2"));
    RunKey first = push("d-1", "main", 0);
    RunKey second = push("d-2", "feature-a", 100);
    RunKey third = push("d-3", "feature-b", 200);

    assertThat(world.argo(first)).isNotNull();
    assertThat(world.argo(second)).isNotNull();
    assertThat(world.argo(third)).isNull();
    assertThat(completed(third).getMessage()).isEqualTo(
        "queued behind 2 runs of component greeter-service (2 of 2 slots in use)");
  }

  @Test
  void aCancelledRunFreesItsSlotAndADeletedRunToo() {
    annotate(Map.of(BuildQueue.ANNOTATION, "1"));
    RunKey first = push("d-1", "main", 0);
    RunKey second = push("d-2", "feature-a", 100);
    RunKey third = push("d-3", "feature-b", 200);
    new RunCancel(world.as("wfrun-render-dispatch"), world.planes, world.clock).cancel(first, "dev@example.com");
    advance.advance(first, Map.of());
    assertThat(world.argo(second)).isNotNull();

    Map<String, String> labels = new HashMap<>(world.run(second).getMetadata().getLabels());
    world.forget(second); // gone entirely: the event's labels still name the Component
    assertThat(advance.advance(second, labels).kind()).isEqualTo(StepResult.Kind.DONE);
    assertThat(world.argo(third)).isNotNull();
  }

  @Test
  void supersedingComesBeforeTheQueue() {
    annotate(Map.of(BuildQueue.ANNOTATION, "1", SupersededRuns.ANNOTATION, "true"));
    RunKey older = push("d-1", "main", 0);
    RunKey newer = push("d-2", "main", 100);

    assertThat(world.run(older).getStatus().conditions()).anySatisfy(c -> assertThat(c.getReason())
        .isEqualTo(SupersededRuns.REASON));
    assertThat(world.argo(newer)).as("the superseded run freed the slot").isNotNull();
  }

  @Test
  void anUnreadableCapMeansNoQueue() {
    annotate(Map.of(BuildQueue.ANNOTATION, "lots"));
    push("d-1", "main", 0);
    RunKey second = push("d-2", "feature-a", 100);
    assertThat(world.argo(second)).isNotNull();
  }

  @Test
  void runsOfOtherComponentsAreNotCounted() {
    annotate(Map.of(BuildQueue.ANNOTATION, "1"));
    RunKey plain = world.createRun("docker-build/workflowrun-simple-run.yaml");
    world.dispatch.dispatch(plain);
    RunKey build = push("d-1", "main", 0);
    assertThat(world.argo(build)).isNotNull();
  }
}
