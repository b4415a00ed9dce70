package dev.wfrun.core.testing;

import dev.wfrun.api.argo.ArgoWorkflowStatus;
import dev.wfrun.api.argo.ArgoWorkflowStatus.Node;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statuses Argo writes while the seed docker Workflow runs its four steps: step k running
 * (k = 0..3), then Succeeded (k = 4) with the {@code workload-cr} output; or Failed at a step.
 */
public final class ArgoProgress {
  public static final List<String> STEPS = List.of("checkout-source", "build-image", "publish-image", "generate-workload-cr");
  public static final String WORKLOAD_YAML = """
      apiVersion: openchoreo.dev/v1alpha1
      kind: Workload
      metadata:
        name: greeter-service-workload
      spec:
        owner: {projectName: default, componentName: greeter-service}
        container:
          image: registry.openchoreo-system.svc:5000/default-default-greeter-service:greeter-build-01
        endpoints:
          http: {type: HTTP, port: 8080}
      """;

  private ArgoProgress() {}

  /** Status when step {@code running} runs (0..3), or Succeeded when it is 4. */
  public static ArgoWorkflowStatus at(String workflowName, int running, Instant start) {
    return build(workflowName, running, -1, start);
  }

  /** Status when step {@code failed} has failed. */
  public static ArgoWorkflowStatus failedAt(String workflowName, int failed, Instant start) {
    return build(workflowName, failed, failed, start);
  }

  private static ArgoWorkflowStatus build(String wf, int current, int failed, Instant start) {
    ArgoWorkflowStatus status = new ArgoWorkflowStatus();
    boolean done = current >= STEPS.size();
    status.setPhase(failed >= 0 ? "Failed" : done ? "Succeeded" : "Running");
    status.setStartedAt(start.toString());
    Map<String, Node> nodes = new LinkedHashMap<>();
    Node root = new Node();
    root.setName(wf);
    root.setDisplayName(wf);
    root.setType("Steps");
    root.setPhase(status.getPhase());
    nodes.put(wf, root);
    for (int i = 0; i <= Math.min(current, STEPS.size() - 1); i++) {
      Node n = new Node();
      n.setName(wf + "[" + i + "]." + STEPS.get(i));
      n.setDisplayName(STEPS.get(i));
      n.setType("Pod");
      n.setStartedAt(start.plusSeconds(30L * i).toString());
      boolean finished = i < current || done || i == failed;
      n.setPhase(i == failed ? "Failed" : finished ? "Succeeded" : "Running");
      if (finished) {
        n.setFinishedAt(start.plusSeconds(30L * i + 30).toString());
      }
      if (i == failed) {
        n.setMessage("failed with exit code 1");
      }
      if (STEPS.get(i).equals("generate-workload-cr") && done) {
        ArgoWorkflowStatus.Outputs outputs = new ArgoWorkflowStatus.Outputs();
        ArgoWorkflowStatus.Parameter p = new ArgoWorkflowStatus.Parameter();
        p.setName("workload-cr");
        p.setValue(WORKLOAD_YAML);
        outputs.setParameters(List.of(p));
        n.setOutputs(outputs);
      }
      nodes.put(wf + "-" + i, n);
    }
    if (done || failed >= 0) {
      status.setFinishedAt(start.plusSeconds(30L * STEPS.size()).toString());
    }
    status.setNodes(nodes);
    return status;
  }
}
