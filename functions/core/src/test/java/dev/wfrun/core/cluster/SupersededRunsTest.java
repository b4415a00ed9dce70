package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.testing.World;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.PushEvent;
import dev.wfrun.core.webhook.RunRequests;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dispatching a new build of a component and branch stops the older unfinished ones, when the Component opts in. */
class SupersededRunsTest {
  private final World world = new World();
  private final RunCreator creator = new RunCreator(world.as("wfrun-create-runs"));

  @AfterEach
  void close() {
    world.close();
  }

  private static final java.time.Instant PUSHED = java.time.Instant.parse("2026-12-01T10:00:00.100Z");

  private WorkflowRun runFor(String delivery, String branch) {
    return runFor(delivery, branch, PUSHED);
  }

  private WorkflowRun runFor(String delivery, String branch, java.time.Instant received) {
    Component component = world.control.resources(Component.class).inNamespace("default").withName("greeter-service").get();
    PushEvent push = new PushEvent(GitProviders.GITHUB, PushEvent.Kind.BRANCH_PUSH,
        "https://github.com/openchoreo/sample-workloads", branch, "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6",
        Set.of(), true, "", "dev", delivery);
    return RunRequests.build(component, push, Map.of("commit", "repository.revision.commit"), received);
  }

  private void optIn(boolean on) {
    world.control.resources(Component.class).inNamespace("default").withName("greeter-service").edit(c -> {
      c.getMetadata().setAnnotations(on ? Map.of(SupersededRuns.ANNOTATION, "true") : Map.of());
      return c;
    });
  }

  private RunKey createAndDispatch(WorkflowRun run) {
    creator.create(run);
    RunKey key = Runs.keyOf(run);
    world.dispatch.dispatch(key);
    return key;
  }

  @Test
  void aNewBuildOfTheSameBranchStopsTheOlderOne() {
    optIn(true);
    RunKey older = createAndDispatch(runFor("d-1", "main"));
    RunKey otherBranch = createAndDispatch(runFor("d-2", "feature"));
    // 300 ms later, within the same second of creation: the receipt time orders them
    createAndDispatch(runFor("d-3", "main", PUSHED.plusMillis(300)));

    WorkflowRun stopped = world.run(older);
    assertThat(stopped.getStatus().phase()).isEqualTo("Failed");
    assertThat(stopped.getStatus().conditions()).anySatisfy(c -> assertThat(c.getReason()).isEqualTo("Superseded"));
    assertThat(world.argo(older).getSpec().path("shutdown").asText()).isEqualTo("Stop");
    assertThat(world.run(otherBranch).getStatus().phase()).as("another branch is not superseded").isEqualTo("Pending");
  }

  @Test
  void withoutTheAnnotationNothingIsStopped() {
    optIn(false);
    RunKey older = createAndDispatch(runFor("d-4", "main"));
    createAndDispatch(runFor("d-5", "main", PUSHED.plusMillis(300)));
    assertThat(world.run(older).getStatus().phase()).isEqualTo("Pending");
  }
}
