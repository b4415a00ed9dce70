package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.Workload;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.FlakyDispatcher;
import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The functions are keyed off the objects, so the order, duplication and failure of event
 * deliveries does not matter: every delivery schedule ends in the same state as the in-order one.
 */
class EventOrderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private enum Event { RUN_ADDED, ARGO_CHANGED }

  /** The final state a delivery schedule leaves: the run's status and the Workload's spec. */
  private record Outcome(JsonNode status, JsonNode workload) {}

  /**
   * Plays one run: events go into a queue; Argo advances one step after every delivery once its
   * Workflow exists, each change queueing an ARGO_CHANGED event. {@code random} picks the next event
   * anywhere in the queue and sometimes delivers one twice; a failed delivery is queued again, as
   * Knative retries.
   */
  private static Outcome play(World world, Random random) {
    return play(world, random, null);
  }

  /** @param faults enabled only once the run exists (the user's create is not what is under test) */
  private static Outcome play(World world, Random random, FlakyDispatcher faults) {
    RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
    if (faults != null) {
      faults.enable();
    }
    List<Event> queue = new ArrayList<>(List.of(Event.RUN_ADDED));
    int argoStep = -1;
    int deliveries = 0;
    while (!queue.isEmpty() || (argoStep >= 0 && argoStep < ArgoProgress.STEPS.size())) {
      if (!queue.isEmpty()) {
        Event event = queue.remove(random == null ? 0 : random.nextInt(queue.size()));
        if (random != null && random.nextInt(4) == 0) {
          queue.add(event); // duplicated delivery
        }
        try {
          if (event == Event.RUN_ADDED) {
            world.dispatch.dispatch(key);
          } else {
            world.sync.sync(key);
          }
        } catch (KubernetesClientException failed) {
          queue.add(event); // Knative redelivers
        }
        deliveries++;
      }
      if (world.argo(key) != null && argoStep < ArgoProgress.STEPS.size()) {
        argoStep++;
        world.setArgoStatus(key, ArgoProgress.at(key.name(), argoStep, World.START));
        queue.add(Event.ARGO_CHANGED);
      }
      assertThat(deliveries).as("delivery must converge").isLessThan(500);
    }
    if (faults != null) {
      faults.disable();
    }
    Workload workload = world.control.resources(Workload.class).inNamespace("default")
        .withName("greeter-service-workload").get();
    return new Outcome(JSON.valueToTree(world.run(key).getStatus()),
        workload == null ? null : JSON.valueToTree(workload.getSpec()));
  }

  private static Outcome inOrder() {
    try (World world = new World()) {
      return play(world, null);
    }
  }

  @Test
  void shuffledAndDuplicatedDeliveriesEndInTheInOrderState() {
    Outcome expected = inOrder();
    assertThat(expected.status().path("phase").asText()).isEqualTo("Succeeded");
    assertThat(expected.workload()).isNotNull();
    try (World world = new World()) {
      for (int seed = 0; seed < 100; seed++) {
        assertThat(play(world, new Random(seed))).as("delivery order %d", seed).isEqualTo(expected);
        world.forget(new RunKey("default", "greeter-build-01"));
      }
    }
  }

  @Test
  void injectedServerErrorsAndConflictsLoseNothing() {
    Outcome expected = inOrder();
    int injected = 0;
    FlakyDispatcher flaky = new FlakyDispatcher(42, 0.2);
    try (World world = new World(ApiServers.controlPlane(flaky))) {
      for (int seed = 0; seed < 20; seed++) {
        assertThat(play(world, new Random(seed), flaky)).as("with faults, seed %d", seed).isEqualTo(expected);
        world.forget(new RunKey("default", "greeter-build-01"));
      }
      injected = flaky.injected();
    }
    assertThat(injected).as("faults were actually injected").isGreaterThan(10);
  }

  @Test
  void anArgoEventThatOutrunsDispatchsStatusWriteIsRedeliveredAndThenSyncs() {
    try (World world = new World()) {
      RunKey key = world.createRun("docker-build/workflowrun-greeter-build-01.yaml");
      world.dispatch.dispatch(key);
      var recorded = world.run(key).getStatus();
      // the moment between creating the Argo Workflow and naming it on the run: Argo already finished it
      world.control.resources(dev.wfrun.api.v1alpha1.WorkflowRun.class).inNamespace(key.namespace())
          .withName(key.name()).editStatus(r -> {
            r.setStatus(null);
            return r;
          });
      var argo = world.argo(key);
      assertThat(world.sync.sync(key, ref(argo.getMetadata().getNamespace(), argo.getMetadata().getName())).detail())
          .as("the event of its creation: Argo has not started it, nothing to record").isEqualTo("not dispatched yet");
      world.setArgoStatus(key, ArgoProgress.at(key.name(), ArgoProgress.STEPS.size(), World.START));

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> world.sync.sync(key, ref(argo.getMetadata().getNamespace(),
          argo.getMetadata().getName())))
          .isInstanceOf(DispatchNotRecordedException.class)
          .hasMessageContaining(argo.getMetadata().getNamespace() + "/" + argo.getMetadata().getName());
      assertThat(world.sync.sync(key, ref("other-namespace", argo.getMetadata().getName())).detail())
          .as("a Workflow outside the run's execution namespace is not its own").isEqualTo("not dispatched yet");

      world.control.resources(dev.wfrun.api.v1alpha1.WorkflowRun.class).inNamespace(key.namespace())
          .withName(key.name()).editStatus(r -> {
            r.setStatus(recorded);
            return r;
          });
      assertThat(world.sync.sync(key, ref(argo.getMetadata().getNamespace(), argo.getMetadata().getName())).kind())
          .as("the redelivery").isEqualTo(StepResult.Kind.DONE);
      assertThat(world.run(key).getStatus().phase()).isEqualTo("Succeeded");
    }
  }

  private static dev.wfrun.api.v1alpha1.ResourceReference ref(String namespace, String name) {
    return new dev.wfrun.api.v1alpha1.ResourceReference(dev.wfrun.api.argo.ArgoWorkflow.API_VERSION,
        dev.wfrun.api.argo.ArgoWorkflow.KIND, name, namespace);
  }
}
