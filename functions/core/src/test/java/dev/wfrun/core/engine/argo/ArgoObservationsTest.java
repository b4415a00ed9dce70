package dev.wfrun.core.engine.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.argo.ArgoWorkflowStatus;
import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import dev.wfrun.api.v1alpha1.WorkflowTask;
import dev.wfrun.core.status.RunLifecycle;
import dev.wfrun.core.status.RunStatusMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argo Workflow statuses, observed by the Argo engine and mapped onto the run's status. */
class ArgoObservationsTest {
  private static final String NOW = "2026-11-26T12:00:00Z";

  private static WorkflowRunStatus pending() {
    return RunLifecycle.initiate(null, 1, "2026-11-26T11:00:00Z");
  }

  @Test
  void aSucceededSinglePodWorkflowCompletesTheRun() {
    ArgoWorkflow wf = ArgoFixtures.load("workflow-succeeded-single-pod.json");
    var out = RunStatusMapper.map(pending(), 1, observed(wf.getStatus()), NOW);
    assertThat(out.next()).isEqualTo(RunStatusMapper.Next.DONE);
    assertThat(out.status().phase()).isEqualTo("Succeeded");
    assertThat(out.status().completedAt()).isEqualTo(NOW);
    assertThat(out.status().tasks()).hasSize(1).allSatisfy(t -> assertThat(t.phase()).isEqualTo("Succeeded"));
  }

  @Test
  void stepsWithItemsBecomeTasksInStepOrder() {
    ArgoWorkflow wf = ArgoFixtures.load("workflow-succeeded-steps-withitems.yaml");
    var tasks = RunStatusMapper.map(pending(), 1, observed(wf.getStatus()), NOW).status().tasks();
    long pods = wf.getStatus().getNodes().values().stream().filter(n -> "Pod".equals(n.getType())).count();
    assertThat(tasks).hasSize((int) pods);
    assertThat(tasks).extracting(WorkflowTask::name).doesNotContain("");
    int previous = -1;
    for (WorkflowTask t : tasks) {
      var node = wf.getStatus().getNodes().values().stream()
          .filter(n -> "Pod".equals(n.getType()) && ArgoTasks.taskName("", n).equals(t.name())).findFirst().orElseThrow();
      assertThat(ArgoTasks.order(node.getName())).isGreaterThanOrEqualTo(previous);
      previous = ArgoTasks.order(node.getName());
    }
  }

  @Test
  void aFailedDagWithRetriesFailsTheRunAndKeepsTheFailureMessages() {
    ArgoWorkflow wf = ArgoFixtures.load("workflow-failed-dag-retries.yaml");
    var out = RunStatusMapper.map(pending(), 1, observed(wf.getStatus()), NOW);
    assertThat(out.status().phase()).isEqualTo("Failed");
    assertThat(out.status().tasks()).anySatisfy(t -> {
      assertThat(t.phase()).isEqualTo("Failed");
      assertThat(t.message()).isEqualTo("failed with exit code 2");
    });
  }

  @Test
  void aRunningDagWithAFailedNodeIsStillRunning() {
    ArgoWorkflow wf = ArgoFixtures.load("workflow-running-dag-with-failed-node.yaml");
    var out = RunStatusMapper.map(pending(), 1, observed(wf.getStatus()), NOW);
    assertThat(out.next()).isEqualTo(RunStatusMapper.Next.POLL);
    assertThat(out.status().phase()).isEqualTo("Running");
    assertThat(out.status().completedAt()).isNull();
    assertThat(out.status().tasks()).extracting(WorkflowTask::phase).contains("Failed", "Succeeded");
  }

  @Test
  void aFinishedRunIsNeverMovedBack() {
    ArgoWorkflow done = ArgoFixtures.load("workflow-succeeded-single-pod.json");
    WorkflowRunStatus finished = RunStatusMapper.map(pending(), 1, observed(done.getStatus()), NOW).status();
    ArgoWorkflowStatus running = new ArgoWorkflowStatus();
    running.setPhase("Running");
    var again = RunStatusMapper.map(finished, 1, observed(running), "2026-11-26T13:00:00Z");
    assertThat(again.status()).isEqualTo(finished);
    assertThat(RunStatusMapper.map(finished, 1, observed(null), "2026-11-26T13:00:00Z").status()).isEqualTo(finished);
  }

  @Test
  void nodesUnknownToTheCrdStillGiveAWritableStatus() {
    ArgoWorkflowStatus argo = new ArgoWorkflowStatus();
    argo.setPhase("Running");
    Map<String, ArgoWorkflowStatus.Node> nodes = new LinkedHashMap<>();
    nodes.put("wf-123", node("standalone-pod", null, "Succeeded"));
    nodes.put("wf-456", node("wf[1].cleanup", null, "Omitted"));
    argo.setNodes(nodes);
    assertThat(RunStatusMapper.map(pending(), 1, observed(argo), NOW).status().tasks())
        .extracting(WorkflowTask::name, WorkflowTask::phase)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("standalone-pod", "Succeeded"),
            org.assertj.core.groups.Tuple.tuple("cleanup", "Skipped"));
  }

  @Test
  void tiedStepsAreOrderedByStartTimeSoTheOrderIsStable() {
    ArgoWorkflowStatus argo = new ArgoWorkflowStatus();
    argo.setPhase("Running");
    Map<String, ArgoWorkflowStatus.Node> nodes = new LinkedHashMap<>();
    ArgoWorkflowStatus.Node late = node("wf[0].b", "b", "Running");
    late.setStartedAt("2026-01-01T00:00:05Z");
    ArgoWorkflowStatus.Node early = node("wf[0].a", "a", "Running");
    early.setStartedAt("2026-01-01T00:00:01Z");
    nodes.put("1", late);
    nodes.put("2", early);
    argo.setNodes(nodes);
    assertThat(RunStatusMapper.map(pending(), 1, observed(argo), NOW).status().tasks())
        .extracting(WorkflowTask::name).containsExactly("a", "b");
  }

  private static dev.wfrun.core.engine.EngineObservation observed(ArgoWorkflowStatus status) {
    return status == null ? null : ArgoObservations.of(status);
  }

  @Test
  void theOutputsOfSucceededNodesAreReadByTaskName() {
    ArgoWorkflowStatus argo = new ArgoWorkflowStatus();
    argo.setPhase("Succeeded");
    Map<String, ArgoWorkflowStatus.Node> nodes = new LinkedHashMap<>();
    nodes.put("1", withOutput(node("wf[0].generate-workload-cr", null, "Succeeded"), "workload-cr", "kind: Workload"));
    nodes.put("2", withOutput(node("wf[1].publish", null, "Failed"), "digest", "sha256:1"));
    argo.setNodes(nodes);
    var observed = ArgoObservations.of(argo);
    assertThat(observed.output("generate-workload-cr", "workload-cr")).contains("kind: Workload");
    assertThat(observed.output("publish", "digest")).isEmpty(); // a failed node's outputs do not count
  }

  @Test
  void argoPhasesBecomeEnginePhases() {
    assertThat(ArgoObservations.phase(null)).isEqualTo(dev.wfrun.core.engine.EnginePhase.NOT_STARTED);
    assertThat(ArgoObservations.phase("")).isEqualTo(dev.wfrun.core.engine.EnginePhase.NOT_STARTED);
    assertThat(ArgoObservations.phase("Pending")).isEqualTo(dev.wfrun.core.engine.EnginePhase.PENDING);
    assertThat(ArgoObservations.phase("Running")).isEqualTo(dev.wfrun.core.engine.EnginePhase.RUNNING);
    assertThat(ArgoObservations.phase("Error")).isEqualTo(dev.wfrun.core.engine.EnginePhase.FAILED);
  }

  private static ArgoWorkflowStatus.Node withOutput(ArgoWorkflowStatus.Node node, String name, String value) {
    ArgoWorkflowStatus.Parameter p = new ArgoWorkflowStatus.Parameter();
    p.setName(name);
    p.setValue(value);
    ArgoWorkflowStatus.Outputs outputs = new ArgoWorkflowStatus.Outputs();
    outputs.setParameters(java.util.List.of(p));
    node.setOutputs(outputs);
    return node;
  }

  private static ArgoWorkflowStatus.Node node(String name, String displayName, String phase) {
    ArgoWorkflowStatus.Node n = new ArgoWorkflowStatus.Node();
    n.setName(name);
    n.setDisplayName(displayName);
    n.setType("Pod");
    n.setPhase(phase);
    return n;
  }
}
