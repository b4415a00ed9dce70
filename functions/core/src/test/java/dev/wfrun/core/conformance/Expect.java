package dev.wfrun.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/** The expect_error / expected_error_contains convention shared by every conformance file. */
final class Expect {
  private Expect() {}

  static boolean error(JsonNode body) {
    return body.path("expect_error").asBoolean(false)
        || (body.has("expect_valid") && !body.get("expect_valid").asBoolean());
  }

  /** Checks that {@code action} fails as the case says (message contains every fragment). */
  static void failure(JsonNode body, ThrowingRunnable action) {
    try {
      action.run();
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      JsonNode contains = body.get("expected_error_contains");
      if (contains != null) {
        String message = String.valueOf(e.getMessage());
        for (JsonNode fragment : contains.isArray() ? contains : java.util.List.of(contains)) {
          if (!message.contains(fragment.asText())) {
            throw new AssertionError(
                "error \"" + message + "\" does not contain \"" + fragment.asText() + "\"", e);
          }
        }
      }
      return;
    }
    throw new AssertionError("expected an error, got none");
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
