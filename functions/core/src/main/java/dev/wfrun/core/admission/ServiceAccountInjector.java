package dev.wfrun.core.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.Workflow;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Upstream's mutating rule, opt-in: a Workflow's or ClusterWorkflow's
 * {@code spec.runTemplate.spec.serviceAccountName} becomes {@code workflow-sa} (overwriting), as
 * upstream's {@code InjectServiceAccountName}; a runTemplate whose {@code spec} is not an object is
 * refused with upstream's message. Other objects pass unchanged.
 */
public final class ServiceAccountInjector {
  public static final String SERVICE_ACCOUNT = "workflow-sa";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServiceAccountInjector() {}

  public static JsonNode review(JsonNode admissionReview) {
    JsonNode request = admissionReview.path("request");
    String uid = request.path("uid").asText("");
    if (uid.isEmpty()) {
      throw new IllegalArgumentException("request: an AdmissionReview v1 with request.uid is required");
    }
    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response").put("uid", uid).put("allowed", true);
    String kind = request.path("kind").path("kind").asText();
    if (!OpenChoreo.GROUP.equals(request.path("kind").path("group").asText())
        || !Set.of(Workflow.KIND, ClusterWorkflow.KIND).contains(kind)
        || !Set.of("CREATE", "UPDATE").contains(request.path("operation").asText())) {
      return review;
    }
    JsonNode template = request.path("object").path("spec").path("runTemplate");
    if (!template.isObject()) {
      return review; // the validating webhook says the template is required
    }
    ArrayNode patch = JSON.createArrayNode();
    JsonNode spec = template.get("spec");
    if (spec == null || spec.isNull()) {
      patch.addObject().put("op", "add").put("path", "/spec/runTemplate/spec").putObject("value")
          .put("serviceAccountName", SERVICE_ACCOUNT);
    } else if (!spec.isObject()) {
      response.put("allowed", false).putObject("status").put("code", 422).put("reason", "Invalid")
          .put("message", "failed to default runTemplate: spec is " + spec.getNodeType().toString().toLowerCase()
              + ", expected object");
      return review;
    } else if (!SERVICE_ACCOUNT.equals(spec.path("serviceAccountName").asText(null))) {
      patch.addObject().put("op", "add").put("path", "/spec/runTemplate/spec/serviceAccountName")
          .put("value", SERVICE_ACCOUNT);
    }
    if (!patch.isEmpty()) {
      response.put("patchType", "JSONPatch").put("patch",
          Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return review;
  }
}
