package dev.wfrun.core.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.WorkflowSpec;

/** Reads the typed model from JSON trees. */
final class WorkflowModel {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private WorkflowModel() {}

  static WorkflowSpec spec(JsonNode spec) {
    return MAPPER.convertValue(spec, WorkflowSpec.class);
  }
}
