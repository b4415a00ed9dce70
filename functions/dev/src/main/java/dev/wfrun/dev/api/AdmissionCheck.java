package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.validation.CrdCatalog;
import dev.wfrun.core.validation.CrdSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a real API server does on create and update, for wfrun's kinds: the object is checked
 * against its CRD's OpenAPI schema and CEL rules, then, once wfrun's admission webhook answers
 * ({@link #webhook}), sent to it as an AdmissionReview v1, as knative/530-admission.yaml registers it:
 * its refusal (every problem) is what kubectl shows, worded as the API server words a webhook's
 * denial. Failure policies as deployed: a webhook that does not answer refuses the configuration
 * kinds and lets WorkflowRuns through.
 */
public final class AdmissionCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CONFIG_KINDS = Set.of("Workflow", "ClusterWorkflow", "Component", "WorkflowPlane",
      "ClusterWorkflowPlane");
  private final CrdCatalog crds;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile URI webhook;

  public AdmissionCheck(CrdCatalog crds) {
    this.crds = crds;
  }

  /** From now on, admission also asks the webhook at this URL ({@code .../admission/validate}). */
  public void webhook(URI validateUrl) {
    this.webhook = validateUrl;
  }

  /** The reason the object is refused (a message kubectl shows as is), if it is. */
  public Optional<String> refusal(ApiResource type, JsonNode object) {
    return refusal(type, object, "CREATE", null);
  }

  /** As {@link #refusal(ApiResource, JsonNode)}, for this operation in this namespace (null: cluster scope). */
  public Optional<String> refusal(ApiResource type, JsonNode object, String operation, String namespace) {
    if (!"openchoreo.dev".equals(type.group())) {
      return Optional.empty();
    }
    Optional<CrdSchema> schema = crds.forKind(type.kind());
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    if (!type.kind().equals(object.path("kind").asText())) {
      return Optional.of("kind: must be " + type.kind() + ", got \"" + object.path("kind").asText() + "\"");
    }
    URI target = webhook;
    boolean reviewed = target != null && (CONFIG_KINDS.contains(type.kind()) || type.kind().equals("WorkflowRun"));
    if (reviewed) {
      // the webhook reports the schema's problems too, with every other one, in one answer
      return review(target, type, object, operation, namespace);
    }
    List<Violation> violations = schema.get().validate(object);
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(type.kind() + "." + type.group() + " \"" + object.path("metadata").path("name").asText()
        + "\" is invalid: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
  }

  private Optional<String> review(URI target, ApiResource type, JsonNode object, String operation, String namespace) {
    String webhookName = type.kind().equals("WorkflowRun") ? "runs.admission.wfrun.dev" : "config.admission.wfrun.dev";
    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", UUID.randomUUID().toString()).put("operation", operation);
    request.putObject("kind").put("group", type.group()).put("version", "v1alpha1").put("kind", type.kind());
    if (namespace != null) {
      request.put("namespace", namespace);
    }
    request.put("name", object.path("metadata").path("name").asText(""));
    request.set("object", object);
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(review.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        return failed(type, webhookName, "HTTP " + answer.statusCode());
      }
      JsonNode response = JSON.readTree(answer.body()).path("response");
      if (response.path("allowed").asBoolean(false)) {
        return Optional.empty();
      }
      return Optional.of("admission webhook \"" + webhookName + "\" denied the request: "
          + response.path("status").path("message").asText("refused"));
    } catch (IOException e) {
      return failed(type, webhookName, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(type, webhookName, "interrupted");
    }
  }

  private static Optional<String> failed(ApiResource type, String webhookName, String why) {
    if (type.kind().equals("WorkflowRun")) {
      return Optional.empty(); // failurePolicy: Ignore
    }
    return Optional.of("Internal error occurred: failed calling webhook \"" + webhookName + "\": " + why);
  }
}
