package dev.wfrun.core.cluster;

import dev.wfrun.api.argo.ArgoWorkflowStatus;
import dev.wfrun.api.v1alpha1.Workload;
import dev.wfrun.core.status.ArgoTasks;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestException;
import dev.wfrun.core.yaml.ManifestReader;
import java.util.List;
import java.util.Optional;

/**
 * The Workload a build produced: the {@code workload-cr} output parameter of its succeeded
 * {@code generate-workload-cr} step (the seed documents' convention).
 */
final class WorkloadOutput {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
  static final String STEP = "generate-workload-cr";
  static final String OUTPUT = "workload-cr";

  private WorkloadOutput() {}

  /** The YAML text of the output, if the build has that step and it succeeded with the output. */
  static Optional<String> find(ArgoWorkflowStatus status) {
    if (status == null || status.getNodes() == null) {
      return Optional.empty();
    }
    return status.getNodes().entrySet().stream()
        .filter(e -> STEP.equals(ArgoTasks.taskName(e.getKey(), e.getValue())))
        .filter(e -> "Succeeded".equals(e.getValue().getPhase()))
        .map(e -> e.getValue().getOutputs())
        .filter(o -> o != null && o.getParameters() != null)
        .flatMap(o -> o.getParameters().stream())
        .filter(p -> OUTPUT.equals(p.getName()) && p.getValue() != null)
        .map(ArgoWorkflowStatus.Parameter::getValue)
        .findFirst();
  }

  /**
   * Parses the output into a Workload in the run's namespace.
   *
   * @throws IllegalArgumentException when it is not one Workload with a name
   */
  static Workload parse(String yaml, String runName, String namespace) {
    List<Manifest> docs;
    try {
      docs = ManifestReader.parse(OUTPUT, yaml);
    } catch (ManifestException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (docs.size() != 1 || !Workload.KIND.equals(docs.get(0).kind())) {
      throw new IllegalArgumentException("output " + OUTPUT + " of run \"" + runName + "\" is not one Workload");
    }
    Workload workload = SERIALIZATION.convertValue(docs.get(0).node(), Workload.class);
    if (workload.getMetadata() == null || workload.getMetadata().getName() == null
        || workload.getMetadata().getName().isEmpty()) {
      throw new IllegalArgumentException("workload CR from run \"" + runName + "\" missing metadata.name");
    }
    workload.getMetadata().setNamespace(namespace);
    workload.getMetadata().setResourceVersion(null);
    return workload;
  }
}
