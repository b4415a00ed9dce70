package dev.wfrun.core.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.validation.ObjectValidator;
import dev.wfrun.core.yaml.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The validating admission webhook (AdmissionReview v1): a Workflow, ClusterWorkflow, WorkflowRun,
 * Component, WorkflowPlane or ClusterWorkflowPlane being created or updated is checked as
 * {@code wfrun validate} checks it, with what only the cluster knows added (a run's parameters
 * against the Workflow it names, after defaulting; the Workflows its Component's type allows; a
 * plane's clientCA), and refused with <em>every</em> problem in one answer: status 422
 * {@code Invalid}, one cause per problem with its field path, as the API server words its own.
 * Deletes, other kinds and other groups are allowed. What the cluster does not have yet (a run's
 * Workflow applied after it by a GitOps tool) is a warning, not a refusal.
 */
public final class AdmissionReviewer {
  static final Set<String> KINDS = Set.of(Workflow.KIND, ClusterWorkflow.KIND, WorkflowRun.KIND, Component.KIND,
      WorkflowPlane.KIND, ClusterWorkflowPlane.KIND);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectValidator validator;
  private final ClusterChecks cluster;

  public AdmissionReviewer(ObjectValidator validator, ClusterChecks cluster) {
    this.validator = validator;
    this.cluster = cluster;
  }

  /** The answer to one AdmissionReview; a review that is not one is refused as a bad request. */
  public JsonNode review(JsonNode admissionReview) {
    JsonNode request = admissionReview.path("request");
    String uid = request.path("uid").asText("");
    if (uid.isEmpty() || !request.path("object").isObject() && !"DELETE".equals(request.path("operation").asText())) {
      throw new IllegalArgumentException("request: an AdmissionReview v1 with request.uid and request.object is required");
    }
    String operation = request.path("operation").asText();
    String kind = request.path("kind").path("kind").asText();
    String group = request.path("kind").path("group").asText();
    if (!OpenChoreo.GROUP.equals(group) || !KINDS.contains(kind) || !Set.of("CREATE", "UPDATE").contains(operation)) {
      return answer(uid, List.of(), List.of(), kind, "");
    }
    ObjectNode object = ((ObjectNode) request.path("object")).deepCopy();
    String namespace = request.path("namespace").asText("");
    if (!namespace.isEmpty() && !object.path("metadata").has("namespace") && object.path("metadata").isObject()) {
      ((ObjectNode) object.path("metadata")).put("namespace", namespace); // as the API server sets it
    }
    String name = object.path("metadata").path("name").asText(object.path("metadata").path("generateName").asText(""));
    Manifest manifest = new Manifest("admission", 0, object);
    List<Violation> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<Manifest> batch = new ArrayList<>();
    String workflowKind = object.path("spec").path("workflow").path("kind").asText(ClusterWorkflow.KIND);
    if (kind.equals(WorkflowRun.KIND)) {
      var workflow = cluster.workflowOf(object, namespace);
      workflow.ifPresentOrElse(batch::add,
          () -> warnings.add("the Workflow this run names is not in the cluster yet; its parameters are checked "
              + "when it is dispatched"));
      if (workflow.isPresent()) {
        workflowKind = workflow.get().kind();
      }
    }
    batch.add(manifest);
    List<ObjectValidator.Result> results = validator.validate(batch);
    problems.addAll(results.get(results.size() - 1).violations());
    switch (kind) {
      case WorkflowRun.KIND -> cluster.componentProblem(object, namespace, workflowKind, warnings)
          .ifPresent(problems::add);
      case Component.KIND -> cluster.componentWorkflowProblem(object, namespace, warnings).ifPresent(problems::add);
      case WorkflowPlane.KIND, ClusterWorkflowPlane.KIND -> problems.addAll(PlaneChecks.check(object));
      default -> { }
    }
    return answer(uid, problems, warnings, kind, name);
  }

  private static JsonNode answer(String uid, List<Violation> problems, List<String> warnings, String kind, String name) {
    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response").put("uid", uid).put("allowed", problems.isEmpty());
    if (!warnings.isEmpty()) {
      ArrayNode w = response.putArray("warnings");
      warnings.forEach(w::add);
    }
    if (!problems.isEmpty()) {
      ObjectNode status = response.putObject("status").put("code", 422).put("reason", "Invalid")
          .put("message", message(kind, name, problems));
      ObjectNode details = status.putObject("details").put("name", name).put("group", OpenChoreo.GROUP)
          .put("kind", kind);
      ArrayNode causes = details.putArray("causes");
      problems.forEach(p -> causes.addObject().put("reason", "FieldValueInvalid").put("message", p.reason())
          .put("field", p.path()));
    }
    return review;
  }

  /** As the API server words an Invalid: {@code Kind.group "name" is invalid: [a: why, b: why]}. */
  static String message(String kind, String name, List<Violation> problems) {
    List<String> parts = problems.stream().map(Violation::toString).toList();
    return kind + "." + OpenChoreo.GROUP + " \"" + name + "\" is invalid: "
        + (parts.size() == 1 ? parts.get(0) : "[" + String.join(", ", parts) + "]");
  }
}
