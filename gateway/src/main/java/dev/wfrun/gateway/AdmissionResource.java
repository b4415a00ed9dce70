package dev.wfrun.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.core.admission.AdmissionReviewer;
import dev.wfrun.core.admission.ServiceAccountInjector;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admission webhook (AdmissionReview v1): {@code POST /admission/validate} answers with every
 * problem of the object ({@link AdmissionReviewer}); {@code POST /admission/mutate} applies upstream's
 * {@code serviceAccountName} rule when {@code wfrun.admission.force-service-account} is on, and
 * otherwise changes nothing. Served only where {@code wfrun.admission.enabled} (the wfrun-admission
 * Deployment; {@code wfrun dev}'s run API), never by the webhook gateway.
 */
@Path("/admission")
public class AdmissionResource {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** As quarkus.http.limits.max-body-size, which refuses a larger body (413) before it gets here. */
  static final int MAX_BODY = 1024 * 1024;

  @Inject jakarta.enterprise.inject.Instance<AdmissionReviewer> reviewer;

  @ConfigProperty(name = "wfrun.admission.enabled", defaultValue = "false")
  boolean enabled;

  @ConfigProperty(name = "wfrun.admission.force-service-account", defaultValue = "false")
  boolean forceServiceAccount;

  @POST
  @Path("validate")
  @Consumes(MediaType.WILDCARD)
  public Response validate(byte[] body) {
    return answer(body, review -> reviewer.get().review(review));
  }

  @POST
  @Path("mutate")
  @Consumes(MediaType.WILDCARD)
  public Response mutate(byte[] body) {
    return answer(body, review -> forceServiceAccount ? ServiceAccountInjector.review(review) : allowed(review));
  }

  private Response answer(byte[] body, java.util.function.Function<JsonNode, JsonNode> decide) {
    if (!enabled) {
      return Problems.of(404, "Not Found", "admission is not served here (wfrun.admission.enabled=false)");
    }
    if (body == null || body.length == 0 || body.length > MAX_BODY) {
      return Problems.of(body != null && body.length > MAX_BODY ? 413 : 400, body != null && body.length > MAX_BODY
          ? "Payload Too Large" : "Bad Request", "body: an AdmissionReview v1 of at most " + MAX_BODY + " bytes");
    }
    JsonNode review;
    try {
      review = JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Problems.of(400, "Bad Request", "body: not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return Problems.of(400, "Bad Request", "body: unreadable: " + e.getMessage());
    }
    if (!"admission.k8s.io/v1".equals(review.path("apiVersion").asText()) || !review.path("request").isObject()) {
      return Problems.of(400, "Bad Request", "body: apiVersion must be admission.k8s.io/v1 with a request");
    }
    try {
      return Response.ok(decide.apply(review).toString(), MediaType.APPLICATION_JSON).build();
    } catch (IllegalArgumentException e) {
      return Problems.of(400, "Bad Request", e.getMessage());
    }
  }

  private static JsonNode allowed(JsonNode review) {
    var out = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    out.putObject("response").put("uid", review.path("request").path("uid").asText("")).put("allowed", true);
    return out;
  }
}
