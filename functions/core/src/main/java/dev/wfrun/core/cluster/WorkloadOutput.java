package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.Workload;
import dev.wfrun.core.engine.EngineObservation;
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
  static Optional<String> find(EngineObservation observed) {
    return observed.output(STEP, OUTPUT);
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
