package dev.wfrun.core.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.tunnel.ClientCertificates;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plane's CRD cannot say: {@code spec.clusterAgent.clientCA.value} must be PEM certificates
 * (the cluster gateway builds each agent's trust pool from it; a broken one refuses every agent
 * later, silently), and exactly one of {@code value} and {@code secretKeyRef} is given.
 */
final class PlaneChecks {
  private PlaneChecks() {}

  static List<Violation> check(JsonNode plane) {
    List<Violation> out = new ArrayList<>();
    JsonNode ca = plane.path("spec").path("clusterAgent").path("clientCA");
    if (ca.isMissingNode() || ca.isNull()) {
      return out;
    }
    boolean hasValue = ca.hasNonNull("value") && !ca.path("value").asText().isBlank();
    boolean hasRef = ca.path("secretKeyRef").isObject();
    if (hasValue == hasRef) {
      out.add(new Violation("spec.clusterAgent.clientCA", "set exactly one of value (PEM certificates) and secretKeyRef"));
    }
    if (hasValue) {
      try {
        ClientCertificates.parse(ca.path("value").asText());
      } catch (GeneralSecurityException | RuntimeException e) {
        out.add(new Violation("spec.clusterAgent.clientCA.value", "not a PEM certificate: " + e.getMessage()));
      }
    }
    return out;
  }
}
