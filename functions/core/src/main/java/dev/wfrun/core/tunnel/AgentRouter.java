package dev.wfrun.core.tunnel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The cluster agent's side of a tunnelled request (upstream {@code router.go}): a request frame for
 * target {@code k8s} runs against the agent's own API server with the agent's own ServiceAccount
 * token (read anew for every request, since it rotates); the caller's {@code Authorization} and the
 * hop-by-hop headers are dropped first. An unknown target is 404, a path with {@code ..} or NUL
 * 400, a failed backend call 502 with {@code error} set, as upstream answers.
 */
public final class AgentRouter {
  public static final String TARGET_KUBERNETES = "k8s";
  private static final Set<String> DROPPED = Set.of("authorization", "host", "content-length", "connection",
      "expect", "upgrade", "te", "trailer", "transfer-encoding", "keep-alive", "proxy-authorization");
  private final URI apiServer;
  private final Supplier<String> token;
  private final HttpClient http;
  private final Duration timeout;
  private final java.util.concurrent.Executor calls;

  /**
   * @param apiServer the build plane's API server, e.g. {@code https://kubernetes.default.svc}
   * @param token the agent's ServiceAccount token, read on each call
   */
  public AgentRouter(URI apiServer, Supplier<String> token, HttpClient http, Duration timeout) {
    this(apiServer, token, http, timeout, CALLERS);
  }

  /**
   * @param calls where each API call runs (blocking {@code send}): the JDK client's {@code sendAsync}
   *     completes every response on {@code CompletableFuture}'s default executor, which on a machine
   *     with two cores is a new thread per task
   */
  public AgentRouter(URI apiServer, Supplier<String> token, HttpClient http, Duration timeout,
      java.util.concurrent.Executor calls) {
    this.apiServer = apiServer;
    this.token = token;
    this.http = http;
    this.timeout = timeout;
    this.calls = calls;
  }

  /** Threads for API calls, kept while busy (the agent bounds how many run at once). */
  private static final java.util.concurrent.ExecutorService CALLERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "wfrun-agent-call");
    t.setDaemon(true);
    return t;
  });

  public CompletableFuture<TunnelFrame.Response> handle(TunnelFrame.Request request) {
    if (!TARGET_KUBERNETES.equals(request.target())) {
      return done(failure(request, 404, "unknown target \"" + request.target() + "\""));
    }
    String path = request.path();
    if (path == null || !path.startsWith("/") || path.contains("..") || path.indexOf('\0') >= 0
        || path.toLowerCase(Locale.ROOT).contains("%2e%2e") || path.contains("%00")) {
      return done(failure(request, 400, "invalid path"));
    }
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(apiServer.resolve(path + (request.query() == null || request.query().isEmpty()
          ? "" : "?" + request.query()))).timeout(timeout);
    } catch (IllegalArgumentException e) {
      return done(failure(request, 400, "invalid path or query: " + e.getMessage()));
    }
    request.headers().forEach((name, values) -> {
      if (!DROPPED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> builder.header(name, v));
      }
    });
    plainHttpOneOne(builder);
    builder.header("Authorization", "Bearer " + token.get());
    byte[] body = request.body() == null ? new byte[0] : request.body();
    builder.method(request.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpRequest call = builder.build();
    return CompletableFuture.supplyAsync(() -> {
      try {
        HttpResponse<byte[]> response = http.send(call, HttpResponse.BodyHandlers.ofByteArray());
        return new TunnelFrame.Response(request.requestId(), response.statusCode(), headers(response), response.body(),
            null);
      } catch (IOException e) {
        return failure(request, 502, "backend request failed: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failure(request, 502, "backend request interrupted");
      }
    }, calls);
  }

  /**
   * wfrun's stream extension: a stream start for a watch ({@code watch=true}) or a log follow
   * ({@code follow=true}) runs as a long GET, and every line it returns goes back as one chunk, then a
   * closing chunk when it ends; one the API server refuses goes back as one closing chunk with its
   * status ({@code wfrunStatus}) and answer. The returned handle stops it (the gateway sends a closing chunk).
   */
  /** How much of a refused stream's answer is passed on. */
  static final int MAX_REFUSAL_BYTES = 64 * 1024;

  public AutoCloseable stream(TunnelFrame.StreamStart start, java.util.function.Consumer<TunnelFrame.StreamChunk> out) {
    String query = start.query() == null ? "" : start.query();
    boolean streaming = query.contains("watch=true") || query.contains("watch=1") || query.contains("follow=true");
    String path = start.path();
    if (!TARGET_KUBERNETES.equals(start.target()) || !"GET".equals(start.method()) || !streaming || path == null
        || !path.startsWith("/") || path.contains("..") || path.indexOf('\0') >= 0) {
      out.accept(new TunnelFrame.StreamChunk(start.requestId(), "refused: only GET watches and log follows stream\n"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, true));
      return () -> { };
    }
    HttpRequest.Builder streamRequest = HttpRequest.newBuilder(apiServer.resolve(path + "?" + query))
        .header("Authorization", "Bearer " + token.get()).header("Accept", "application/json").GET();
    plainHttpOneOne(streamRequest);
    HttpRequest request = streamRequest.build();
    java.util.concurrent.atomic.AtomicReference<java.io.InputStream> body = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).whenComplete((response, error) -> {
      if (error != null) {
        out.accept(new TunnelFrame.StreamChunk(start.requestId(), new byte[0], 0, true));
        return;
      }
      body.set(response.body());
      if (response.statusCode() >= 300) {
        // refused (no such pod, forbidden, ...): its status and answer in one closing chunk, not a 200 stream
        byte[] answer;
        try (java.io.InputStream in = response.body()) {
          answer = in.readNBytes(MAX_REFUSAL_BYTES);
        } catch (IOException e) {
          answer = new byte[0];
        }
        out.accept(new TunnelFrame.StreamChunk(start.requestId(), answer, 0, true, response.statusCode()));
        return;
      }
      Thread reader = new Thread(() -> {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(),
            java.nio.charset.StandardCharsets.UTF_8))) {
          String line;
          while (!stopped.get() && (line = lines.readLine()) != null) {
            out.accept(new TunnelFrame.StreamChunk(start.requestId(),
                (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, false));
          }
        } catch (IOException ended) {
          // stopped, or the API server ended the watch
        }
        out.accept(new TunnelFrame.StreamChunk(start.requestId(), new byte[0], 0, true));
      }, "wfrun-agent-stream");
      reader.setDaemon(true);
      reader.start();
    });
    return () -> {
      stopped.set(true);
      java.io.InputStream in = body.get();
      if (in != null) {
        in.close();
      }
    };
  }

  /**
   * Over plain HTTP the JDK client would try an h2c upgrade on every new connection, which some
   * servers leave hanging; HTTP/1.1 there (over TLS, ALPN picks HTTP/2 as usual).
   */
  private void plainHttpOneOne(HttpRequest.Builder builder) {
    if ("http".equalsIgnoreCase(apiServer.getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
  }

  private static Map<String, List<String>> headers(HttpResponse<?> response) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    response.headers().map().forEach((k, v) -> {
      if (!k.startsWith(":") && !DROPPED.contains(k.toLowerCase(Locale.ROOT))) {
        out.put(canonical(k), List.copyOf(v));
      }
    });
    return out;
  }

  /** {@code content-type} as Go's net/http canonicalises it: {@code Content-Type}. */
  static String canonical(String header) {
    StringBuilder out = new StringBuilder(header.length());
    boolean upper = true;
    for (char c : header.toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return out.toString();
  }

  private static TunnelFrame.Response failure(TunnelFrame.Request request, int code, String message) {
    return new TunnelFrame.Response(request.requestId(), code, Map.of(), new byte[0],
        new TunnelFrame.Error(code, message, Map.of()));
  }

  private static CompletableFuture<TunnelFrame.Response> done(TunnelFrame.Response response) {
    return CompletableFuture.completedFuture(response);
  }
}
