package dev.wfrun.core.engine.argo;

import dev.wfrun.core.engine.TaskLogStream;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The pods of an Argo Workflow's tasks, as upstream's run API finds them: pods labelled
 * {@value #WORKFLOW_LABEL} with the Workflow's name, the task named by the text after the last '.'
 * of the pod's {@value #NODE_NAME_ANNOTATION} annotation, Argo's {@code wait} sidecar and every init
 * container skipped. In execution order (the step number in the node name, as {@link ArgoTasks}
 * orders tasks), then creation.
 */
final class ArgoTaskPods {
  static final String WORKFLOW_LABEL = "workflows.argoproj.io/workflow";
  static final String NODE_NAME_ANNOTATION = "workflows.argoproj.io/node-name";
  static final String WAIT_CONTAINER = "wait";

  private ArgoTaskPods() {}

  static List<TaskLogStream> streams(KubernetesClient plane, String namespace, String workflow, String task) {
    List<Pod> pods = new ArrayList<>(plane.pods().inNamespace(namespace).withLabel(WORKFLOW_LABEL, workflow)
        .list().getItems());
    pods.sort(Comparator.comparingInt((Pod p) -> ArgoTasks.order(nodeName(p)))
        .thenComparing(p -> p.getMetadata().getCreationTimestamp() == null ? "~" : p.getMetadata().getCreationTimestamp())
        .thenComparing(p -> p.getMetadata().getName()));
    List<TaskLogStream> streams = new ArrayList<>();
    for (Pod pod : pods) {
      String name = taskOf(pod);
      if (name == null || (task != null && !task.equals(name)) || pod.getSpec() == null) {
        continue;
      }
      for (Container c : pod.getSpec().getContainers()) {
        if (!WAIT_CONTAINER.equals(c.getName())) {
          streams.add(new TaskLogStream(name, namespace, pod.getMetadata().getName(), c.getName()));
        }
      }
    }
    return streams;
  }

  /** The task a pod runs: its node name after the last '.' ({@code wf[0].build} → {@code build}). */
  static String taskOf(Pod pod) {
    String node = nodeName(pod);
    if (node == null || node.isEmpty()) {
      return null;
    }
    int dot = node.lastIndexOf('.');
    return dot >= 0 && dot < node.length() - 1 ? node.substring(dot + 1) : node;
  }

  private static String nodeName(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(NODE_NAME_ANNOTATION);
  }
}
