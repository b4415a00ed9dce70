package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.validation.CrdCatalog;
import dev.wfrun.core.validation.CrdSchema;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a real API server's schema validation does on create and update, for wfrun's kinds: the
 * object is checked against its CRD's OpenAPI schema and CEL rules with the core validator.
 */
public final class AdmissionCheck {
  private final CrdCatalog crds;

  public AdmissionCheck(CrdCatalog crds) {
    this.crds = crds;
  }

  /** The reason the object is refused (a message kubectl shows as is), if it is. */
  public Optional<String> refusal(ApiResource type, JsonNode object) {
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
    List<Violation> violations = schema.get().validate(object);
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(type.kind() + "." + type.group() + " \"" + object.path("metadata").path("name").asText()
        + "\" is invalid: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
  }
}
