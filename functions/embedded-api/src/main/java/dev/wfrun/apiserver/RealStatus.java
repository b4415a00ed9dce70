package dev.wfrun.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The CRUD mock's 404 and 409 answers in a real API server's words: {@code NotFound},
 * {@code AlreadyExists} on a create, {@code Conflict} (the object has been modified) on an update,
 * with {@code details} naming the object, so clients that read the reason see what they would see.
 */
final class RealStatus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RealStatus() {}

  static MockResponse of(RequestAttributes request, JsonNode written, MockResponse response) {
    int code = response.code();
    if (!request.resourceRequest() || (code != 404 && code != 409) || request.verb().equals("watch")) {
      return response;
    }
    String name = !request.name().isEmpty() ? request.name()
        : written == null ? "" : written.path("metadata").path("name").asText("");
    String what = request.resource() + (request.apiGroup().isEmpty() ? "" : "." + request.apiGroup());
    String reason;
    String message;
    if (code == 404) {
      if (request.name().isEmpty()) {
        return response; // a collection of an unknown type: left as the mock says
      }
      reason = "NotFound";
      message = what + " \"" + name + "\" not found";
    } else if (request.verb().equals("create")) {
      reason = "AlreadyExists";
      message = what + " \"" + name + "\" already exists";
    } else {
      reason = "Conflict";
      message = "Operation cannot be fulfilled on " + what + " \"" + name
          + "\": the object has been modified; please apply your changes to the latest version and try again";
    }
    ObjectNode body = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    body.putObject("metadata");
    body.put("status", "Failure").put("message", message).put("reason", reason);
    body.putObject("details").put("name", name).put("group", request.apiGroup()).put("kind", request.resource());
    body.put("code", code);
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }
}
