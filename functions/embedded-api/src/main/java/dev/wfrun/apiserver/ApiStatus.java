package dev.wfrun.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;

/** The {@code v1 Status} failures a real API server answers with, as MockResponses. */
final class ApiStatus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiStatus() {}

  /** One field problem of a 422, as a real server lists it in {@code details.causes}. */
  record Cause(String field, String reason, String message) {
    static Cause invalid(String field, String value, String why) {
      return new Cause(field, "FieldValueInvalid", "Invalid value: \"" + shorten(value) + "\": " + why);
    }

    static Cause required(String field, String why) {
      return new Cause(field, "FieldValueRequired", "Required value: " + why);
    }

    static Cause tooLong(String field, String why) {
      return new Cause(field, "FieldValueTooLong", "Too long: " + why);
    }

    @Override
    public String toString() {
      return field + ": " + message;
    }
  }

  static MockResponse failure(int code, String reason, String message) {
    return respond(code, body(code, reason, message));
  }

  static MockResponse unauthorized() {
    return failure(401, "Unauthorized", "Unauthorized");
  }

  static MockResponse forbidden(RequestAttributes request, String message) {
    ObjectNode body = body(403, "Forbidden", message);
    if (request.resourceRequest()) {
      ObjectNode details = body.putObject("details");
      if (!request.name().isEmpty()) {
        details.put("name", request.name());
      }
      details.put("group", request.apiGroup()).put("kind", request.resource());
    }
    return respond(403, body);
  }

  static MockResponse tooLarge(String message) {
    return failure(413, "RequestEntityTooLarge", message);
  }

  static MockResponse badRequest(String message) {
    return failure(400, "BadRequest", message);
  }

  /** 422 Invalid: {@code Kind.group "name" is invalid: [causes]}. */
  static MockResponse invalid(String kind, String group, String name, List<Cause> causes) {
    String qualified = group.isEmpty() ? kind : kind + "." + group;
    String list = causes.size() == 1 ? causes.get(0).toString()
        : "[" + String.join(", ", causes.stream().map(Cause::toString).toList()) + "]";
    ObjectNode body = body(422, "Invalid", qualified + " \"" + name + "\" is invalid: " + list);
    ObjectNode details = body.putObject("details").put("name", name).put("group", group).put("kind", kind);
    ArrayNode array = details.putArray("causes");
    causes.forEach(c -> array.addObject().put("reason", c.reason()).put("message", c.message()).put("field", c.field()));
    return respond(422, body);
  }

  private static ObjectNode body(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    return status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
  }

  private static MockResponse respond(int code, ObjectNode body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }

  private static String shorten(String value) {
    return value.length() <= 100 ? value : value.substring(0, 100) + "...";
  }
}
