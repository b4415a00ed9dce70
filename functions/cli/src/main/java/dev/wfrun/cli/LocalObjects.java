package dev.wfrun.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.SecretReference;
import dev.wfrun.api.v1alpha1.SecretReferenceSpec;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.render.SecretReferenceLookup;
import dev.wfrun.core.resolve.PlaneLookup;
import dev.wfrun.core.resolve.WorkflowLookup;
import dev.wfrun.core.validation.ObjectValidator;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The objects given on the command line, checked against their CRDs, playing the cluster: the
 * Workflows, planes and SecretReferences a run is resolved against. Objects without a namespace
 * take the run's namespace, as {@code kubectl apply} puts them in the current one.
 */
final class LocalObjects implements WorkflowLookup, PlaneLookup, SecretReferenceLookup {
  static final String DEFAULT_NAMESPACE = "default";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final List<Manifest> manifests;
  private final String namespace;

  private LocalObjects(List<Manifest> manifests, String namespace) {
    this.manifests = manifests;
    this.namespace = namespace;
  }

  /** Reads and CRD-checks every file; any invalid openchoreo.dev object is bad input. */
  static List<Manifest> load(List<Path> files) {
    List<Manifest> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(ManifestReader.read(file));
    }
    List<String> problems = new ArrayList<>();
    for (ObjectValidator.Result r : new ObjectValidator().validate(all)) {
      if (r.status() == ObjectValidator.Status.INVALID) {
        r.violations().forEach(v -> problems.add(r.manifest().describe() + " " + v));
      }
    }
    if (!problems.isEmpty()) {
      throw new CliInputException(String.join("\n", problems));
    }
    return all;
  }

  static LocalObjects of(List<Manifest> manifests, String namespace) {
    return new LocalObjects(manifests, namespace);
  }

  /** The one WorkflowRun of {@code file}, in the default namespace when it names none. */
  static WorkflowRun singleRun(Path file, List<Manifest> manifests) {
    List<Manifest> runs = manifests.stream()
        .filter(m -> m.source().equals(file.toString()) && isKind(m, WorkflowRun.KIND)).toList();
    if (runs.size() != 1) {
      throw new CliInputException(file + ": expected exactly one WorkflowRun, found " + runs.size());
    }
    WorkflowRun run = as(runs.get(0).node(), WorkflowRun.class);
    if (run.getMetadata().getNamespace() == null || run.getMetadata().getNamespace().isEmpty()) {
      run.getMetadata().setNamespace(DEFAULT_NAMESPACE);
    }
    return run;
  }

  /** The Workflow or ClusterWorkflow documents of {@code file}. */
  static List<Manifest> workflows(Path file, List<Manifest> manifests) {
    List<Manifest> workflows = manifests.stream()
        .filter(m -> m.source().equals(file.toString()))
        .filter(m -> isKind(m, Workflow.KIND) || isKind(m, ClusterWorkflow.KIND)).toList();
    if (workflows.isEmpty()) {
      throw new CliInputException(file + ": no Workflow or ClusterWorkflow in this file");
    }
    return workflows;
  }

  @Override
  public Optional<Workflow> workflow(String ns, String name) {
    return find(Workflow.KIND, m -> inNamespace(m, ns) && m.name().equals(name)).map(m -> as(m.node(), Workflow.class));
  }

  @Override
  public Optional<ClusterWorkflow> clusterWorkflow(String name) {
    return find(ClusterWorkflow.KIND, m -> m.name().equals(name)).map(m -> as(m.node(), ClusterWorkflow.class));
  }

  @Override
  public Optional<WorkflowPlane> workflowPlane(String ns, String name) {
    return find(WorkflowPlane.KIND, m -> inNamespace(m, ns) && m.name().equals(name))
        .map(m -> {
          WorkflowPlane plane = as(m.node(), WorkflowPlane.class);
          plane.getMetadata().setNamespace(ns);
          return plane;
        });
  }

  @Override
  public Optional<ClusterWorkflowPlane> clusterWorkflowPlane(String name) {
    return find(ClusterWorkflowPlane.KIND, m -> m.name().equals(name)).map(m -> as(m.node(), ClusterWorkflowPlane.class));
  }

  @Override
  public Optional<SecretReferenceSpec> find(String ns, String name) {
    return find(SecretReference.KIND, m -> inNamespace(m, ns) && m.name().equals(name))
        .map(m -> as(m.node(), SecretReference.class).getSpec());
  }

  private Optional<Manifest> find(String kind, Predicate<Manifest> match) {
    return manifests.stream().filter(m -> isKind(m, kind)).filter(match).findFirst();
  }

  private boolean inNamespace(Manifest m, String ns) {
    String own = m.namespace().isEmpty() ? namespace : m.namespace();
    return own.equals(ns);
  }

  static boolean isKind(Manifest m, String kind) {
    return m.apiVersion().equals(OpenChoreo.API_VERSION) && m.kind().equals(kind);
  }

  static <T> T as(JsonNode node, Class<T> type) {
    return JSON.convertValue(node, type);
  }

  static ObjectNode copy(JsonNode node) {
    return (ObjectNode) node.deepCopy();
  }
}
