package dev.wfrun.core.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A local HTTP server standing in for a git provider's API: answers and records every call. */
public final class RecordingGitApi implements AutoCloseable {
  /** One request as the provider would have seen it; {@code token} is the Authorization or PRIVATE-TOKEN header. */
  public record Call(String method, String path, String query, String token, String body) {}

  public final List<Call> calls = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  public RecordingGitApi(Function<Call, String> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String gitlab = exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN");
      Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(), gitlab != null ? gitlab : auth,
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      calls.add(call);
      byte[] body = answer.apply(call).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(call.method().equals("POST") ? 201 : 200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  /**
   * A GitHub REST API stand-in: {@code GET /repos/o/r} answers the repository, a POST answers a
   * created commit status.
   */
  public static RecordingGitApi gitHub() throws IOException {
    return new RecordingGitApi(call -> {
      if (call.method().equals("GET") && call.path().startsWith("/repos/")) {
        String[] p = call.path().split("/");
        return "{\"name\":\"" + p[3] + "\",\"full_name\":\"" + p[2] + "/" + p[3] + "\",\"owner\":{\"login\":\""
            + p[2] + "\"}}";
      }
      return "{\"id\":1,\"state\":\"pending\",\"context\":\"wfrun\"}";
    });
  }

  /** The POSTs received, in order. */
  public List<Call> posts() {
    return calls.stream().filter(c -> c.method().equals("POST")).toList();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
