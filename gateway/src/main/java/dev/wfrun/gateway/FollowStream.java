package dev.wfrun.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.wfrun.core.cluster.RunLogFollow;
import dev.wfrun.core.runapi.RunLogsApi;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A followed log as HTTP: NDJSON lines written and flushed as they arrive; a follow that ends early
 * (the plane failing, an error) ends with a line {@code {"error": "<why>"}}, the status being sent already.
 * The caller was checked before ({@link RunLogsApi#followRefusal}).
 */
final class FollowStream {
  private FollowStream() {}

  static Response of(RunLogsApi logs, String namespace, String run, String task, String sinceSeconds) {
    StreamingOutput stream = out -> {
      Predicate<JsonNode> write = line -> {
        try {
          out.write((line.toString() + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          return true;
        } catch (IOException gone) {
          return false;
        }
      };
      String error;
      try {
        RunLogFollow.End end = logs.follow(namespace, run, task, sinceSeconds, write);
        error = end == RunLogFollow.End.PLANE_FAILING
            ? "the build plane failed several reads in a row; follow again" : null;
      } catch (RuntimeException e) {
        error = "the follow failed: " + e.getMessage() + "; follow again";
      }
      if (error != null) {
        write.test(JsonNodeFactory.instance.objectNode().put("error", error));
      }
    };
    return Response.ok(stream, "application/x-ndjson").build();
  }
}
