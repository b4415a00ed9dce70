package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.testing.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Read-modify-write of a WorkflowRun that another step deletes between the read and the write. */
class RunsTest {
  private final World world = new World();
  private final Runs runs = new Runs(world.as("wfrun-render-dispatch"));

  @AfterEach
  void close() {
    world.close();
  }

  private void deleteBehindTheReader(RunKey key) {
    world.control.resources(WorkflowRun.class).inNamespace(key.namespace()).withName(key.name()).delete();
  }

  @Test
  void anUpdateOfARunDeletedSinceItWasReadFindsItGone() {
    RunKey key = world.createRun("docker-build/workflowrun-simple-run.yaml");

    WorkflowRun written = runs.update(key, current -> {
      deleteBehindTheReader(key); // as a concurrent finalize removing the last finalizer
      current.getMetadata().setLabels(java.util.Map.of("touched", "yes"));
      return current;
    });

    assertThat(written).isNull();
    assertThat(world.run(key)).isNull();
  }

  @Test
  void aStatusUpdateOfARunDeletedSinceItWasReadWritesNothing() {
    RunKey key = world.createRun("docker-build/workflowrun-simple-run.yaml");

    boolean written = runs.updateStatus(key, status -> {
      deleteBehindTheReader(key);
      return status.withCompletedAt("2026-11-26T00:00:00Z");
    });

    assertThat(written).isFalse();
    assertThat(world.run(key)).isNull();
  }
}
