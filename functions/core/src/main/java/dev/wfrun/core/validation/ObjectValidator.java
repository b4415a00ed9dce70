package dev.wfrun.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.render.RunParameters;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.schema.SchemaException;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.template.TemplateEngine;
import dev.wfrun.core.ttl.TtlDuration;
import dev.wfrun.core.yaml.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks openchoreo.dev objects as the API server would (their CRD schema and validation rules)
 * and beyond, every problem of an object at once, in document order (Workflow semantics, and the parameters of each WorkflowRun against its Workflow
 * when that Workflow is among the objects checked). Objects of other API groups are skipped.
 */
public final class ObjectValidator {
  /** The outcome for one object. */
  public record Result(Manifest manifest, Status status, List<Violation> violations) {}

  public enum Status { VALID, INVALID, SKIPPED }

  private final CrdCatalog crds;
  private final WorkflowChecks workflowChecks;

  public ObjectValidator() {
    this(CrdCatalog.standard(), new TemplateEngine());
  }

  public ObjectValidator(CrdCatalog crds, TemplateEngine engine) {
    this.crds = crds;
    this.workflowChecks = new WorkflowChecks(engine);
  }

  public List<Result> validate(List<Manifest> manifests) {
    Map<String, JsonNode> workflows = new LinkedHashMap<>();
    for (Manifest m : manifests) {
      if (isOpenChoreo(m) && (Workflow.KIND.equals(m.kind()) || ClusterWorkflow.KIND.equals(m.kind()))) {
        workflows.put(m.kind() + "/" + namespaceOf(m) + "/" + m.name(), m.node());
      }
    }
    List<Result> results = new ArrayList<>();
    for (Manifest m : manifests) {
      results.add(validate(m, workflows));
    }
    return results;
  }

  private Result validate(Manifest m, Map<String, JsonNode> workflows) {
    if (!isOpenChoreo(m)) {
      return new Result(m, Status.SKIPPED, List.of());
    }
    if (m.kind().isEmpty() && isWorkloadDescriptor(m.node())) {
      return descriptor(m);
    }
    var crd = crds.forKind(m.kind());
    if (crd.isEmpty()) {
      return new Result(m, Status.INVALID, List.of(new Violation("kind",
          "unknown kind \"" + m.kind() + "\" in " + m.apiVersion())));
    }
    List<Violation> violations = new ArrayList<>();
    for (Violation v : crd.get().validate(m.node())) {
      violations.add(v.path().equals("spec.ttlAfterCompletion") ? ttlViolation(m.node()).orElse(v) : v);
    }
    if (!m.apiVersion().equals(OpenChoreo.API_VERSION)) {
      violations.add(new Violation("apiVersion", "unsupported version; expected " + OpenChoreo.API_VERSION));
    }
    // every problem at once: the semantic checks run beside the schema's, on what is there
    try {
      switch (m.kind()) {
        case Workflow.KIND, ClusterWorkflow.KIND -> violations.addAll(workflowChecks.check(m.node()));
        case WorkflowRun.KIND -> violations.addAll(runChecks(m, workflows));
        default -> { }
      }
    } catch (RuntimeException e) {
      if (violations.isEmpty()) {
        throw e;
      } // a shape the schema already refuses: its problems are the ones to show
    }
    List<Violation> ordered = DocumentOrder.sort(m.node(), violations);
    return new Result(m, ordered.isEmpty() ? Status.VALID : Status.INVALID, ordered);
  }

  /** A workload descriptor ({@code workload.yaml}): openchoreo.dev, no kind, endpoints or configurations. */
  private static boolean isWorkloadDescriptor(JsonNode node) {
    return node.has("endpoints") || node.has("configurations") || node.has("dependencies");
  }

  /** A descriptor is valid when the Workload {@code wfrun workload create} makes of it is. */
  private Result descriptor(Manifest m) {
    java.nio.file.Path source = java.nio.file.Path.of(m.source()).toAbsolutePath();
    List<Violation> violations = new ArrayList<>();
    try {
      JsonNode workload = dev.wfrun.core.workload.WorkloadConverter.convert(
          new dev.wfrun.core.workload.WorkloadConverter.Target("default", "project", "component", "image:tag"),
          m.node(), source.getParent() == null ? java.nio.file.Path.of(".") : source.getParent());
      crds.forKind("Workload").ifPresent(crd -> violations.addAll(crd.validate(workload)));
    } catch (dev.wfrun.core.workload.WorkloadDescriptorException e) {
      violations.add(new Violation("", e.getMessage()));
    }
    return new Result(m, violations.isEmpty() ? Status.VALID : Status.INVALID, violations);
  }

  /** The TTL parser says what a TTL should look like better than the CRD's regular expression. */
  private static java.util.Optional<Violation> ttlViolation(JsonNode object) {
    try {
      TtlDuration.parse(object.path("spec").path("ttlAfterCompletion").asText(null));
      return java.util.Optional.empty();
    } catch (IllegalArgumentException e) {
      return java.util.Optional.of(new Violation("spec.ttlAfterCompletion", e.getMessage()));
    }
  }

  private List<Violation> runChecks(Manifest run, Map<String, JsonNode> workflows) {
    List<Violation> out = new ArrayList<>();
    try {
      TtlDuration.parse(run.node().path("spec").path("ttlAfterCompletion").asText(null));
    } catch (IllegalArgumentException e) {
      out.add(new Violation("spec.ttlAfterCompletion", e.getMessage()));
    }
    JsonNode workflow = workflowOf(run, workflows);
    if (workflow == null) {
      return out;
    }
    try {
      ParameterSchema schema = ParameterSchema.of(WorkflowModel.spec(workflow.path("spec")));
      JsonNode parameters = RunParameters.defaulted(schema, run.node().path("spec").path("workflow").get("parameters"));
      schema.validate(parameters).forEach(v -> out.add(v.under("spec.workflow.parameters")));
    } catch (SchemaException e) {
      // the Workflow's own result reports its broken schema
    }
    return out;
  }

  /** The Workflow a run names, by the seed's rule: same-namespace Workflow, else ClusterWorkflow. */
  private static JsonNode workflowOf(Manifest run, Map<String, JsonNode> workflows) {
    JsonNode ref = run.node().path("spec").path("workflow");
    String name = ref.path("name").asText();
    String kind = ref.path("kind").asText("");
    String namespace = namespaceOf(run);
    JsonNode namespaced = workflows.get(Workflow.KIND + "/" + namespace + "/" + name);
    JsonNode cluster = workflows.get(ClusterWorkflow.KIND + "//" + name);
    return switch (kind) {
      case Workflow.KIND -> namespaced;
      case ClusterWorkflow.KIND -> cluster;
      default -> namespaced != null ? namespaced : cluster;
    };
  }

  private static String namespaceOf(Manifest m) {
    if (ClusterWorkflow.KIND.equals(m.kind())) {
      return "";
    }
    return m.namespace().isEmpty() ? "default" : m.namespace();
  }

  private static boolean isOpenChoreo(Manifest m) {
    return m.apiVersion().startsWith(OpenChoreo.GROUP + "/");
  }
}
