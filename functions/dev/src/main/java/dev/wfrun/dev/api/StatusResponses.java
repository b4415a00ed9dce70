package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code v1 Status} failures, the error body kubectl prints. */
final class StatusResponses {
  private StatusResponses() {}

  static ObjectNode failure(int code, String reason, String message) {
    ObjectNode status = JsonNodeFactory.instance.objectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    return status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
  }
}
