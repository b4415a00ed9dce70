package dev.wfrun.agent;

import dev.wfrun.core.tunnel.AgentRouter;
import dev.wfrun.core.tunnel.MalformedFrameException;
import dev.wfrun.core.tunnel.TunnelFrame;
import dev.wfrun.core.tunnel.TunnelFrames;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;

/**
 * The cluster agent: dials the cluster gateway over a WebSocket with its client certificate,
 * answers pings, and runs every tunnelled request against its own API server ({@link AgentRouter}).
 * Better than upstream's agent: it reconnects with capped exponential backoff and jitter (not a fixed
 * 5 s); a connection that brings no message or ping for the read-idle deadline is dropped and dialled
 * again (a half-open connection is noticed); a renewed certificate is picked up by reconnecting with
 * it; every connect, refusal and drop is one log line.
 */
public final class ClusterAgent implements AutoCloseable {
  /** At most this many tunnelled requests run at once; more are answered 503 (a flooding gateway cannot exhaust the agent). */
  static final int MAX_IN_FLIGHT = 64;
  private final AgentOptions options;
  private final AgentRouter router;
  private final PemCredentials credentials;
  private final PrintStream log;
  private final Clock clock;
  private final Backoff backoff;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private volatile boolean closed;
  private volatile Thread loop;
  private volatile WebSocket current;
  private volatile boolean connected;

  public ClusterAgent(AgentOptions options, AgentRouter router, PrintStream log, Clock clock) {
    this.options = options;
    this.router = router;
    this.credentials = new PemCredentials(options.certificate(), options.key(), options.ca());
    this.log = log;
    this.clock = clock;
    this.backoff = new Backoff(options.firstBackoff(), options.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Starts the connection loop in the background. */
  public ClusterAgent start() {
    Thread t = new Thread(this::run, "wfrun-agent");
    t.setDaemon(true);
    loop = t;
    t.start();
    return this;
  }

  public boolean connected() {
    return connected;
  }

  private void run() {
    while (!closed) {
      Session session = new Session();
      try {
        SSLContext tls = credentials.context();
        HttpClient http = HttpClient.newBuilder().executor(Runnable::run).sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
            .buildAsync(options.dialUri(), session).get(15, TimeUnit.SECONDS);
        current = ws;
        connected = true;
        backoff.reset();
        log.printf("agent: connected to %s as %s %s%n", options.gateway(), options.planeType(), options.planeId());
        String why = session.await(ws);
        connected = false;
        log.printf("agent: connection dropped (%s); reconnecting%n", why);
      } catch (java.util.concurrent.ExecutionException e) {
        connected = false;
        if (refusal(e)) {
          log.printf("agent: refused by %s: %s%n", options.gateway(), rootMessage(e));
        } else {
          // nothing listening, the connection cut during TLS, a name that does not resolve: not a refusal
          log.printf("agent: cannot reach %s: %s%n", options.gateway(), rootMessage(e));
        }
      } catch (java.util.concurrent.TimeoutException e) {
        log.printf("agent: no answer from %s within 15s%n", options.gateway());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        connected = false;
        log.printf("agent: cannot connect to %s: %s%n", options.gateway(), rootMessage(e));
      }
      if (closed) {
        return;
      }
      try {
        Thread.sleep(backoff.next().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One connection: its incoming frames, serialised writes, and why it ended. */
  private final class Session implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    /**
     * WebSocket sends must not overlap: each starts when the one before has completed, chained on the
     * previous send (no writer thread: an answer is sent from the thread that produced it when the
     * line is free, which takes a thread hand-off off every request).
     */
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private boolean sending = true;
    private volatile Instant lastSeen = Instant.now(clock);
    private volatile WebSocket socket;
    private final java.util.Map<String, AutoCloseable> streams = new java.util.concurrent.ConcurrentHashMap<>();

    String await(WebSocket ws) throws InterruptedException {
      try {
        return awaitEnd(ws);
      } finally {
        synchronized (this) {
          sending = false;
        }
        streams.values().forEach(s -> {
          try {
            s.close();
          } catch (Exception ignored) {
            // ending anyway
          }
        });
      }
    }

    private String awaitEnd(WebSocket ws) throws InterruptedException {
      socket = ws;
      while (!closed) {
        try {
          return ended.get(1, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException stillOpen) {
          if (Duration.between(lastSeen, Instant.now(clock)).compareTo(options.readIdle()) > 0) {
            ws.abort();
            return "no message or ping for " + options.readIdle().toSeconds() + "s";
          }
          if (credentials.changed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "certificate renewed");
            ws.abort();
            return "the certificate or key changed: reconnecting with the new one";
          }
        } catch (java.util.concurrent.ExecutionException e) {
          return rootMessage(e);
        }
      }
      ws.abort();
      return "agent stopping";
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      lastSeen = Instant.now(clock);
      if (partial.length() + data.length() > TunnelFrames.MAX_FRAME_CHARS) {
        partial.setLength(0);
        log.println("agent: dropped a frame over " + TunnelFrames.MAX_FRAME_CHARS + " characters");
      } else {
        partial.append(data);
      }
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        handle(webSocket, text);
      }
      webSocket.request(1);
      return null;
    }

    private void handle(WebSocket webSocket, String text) {
      TunnelFrame frame;
      try {
        frame = TunnelFrames.read(text).orElse(null);
      } catch (MalformedFrameException e) {
        log.println("agent: dropped a malformed frame: " + e.getMessage());
        return;
      }
      if (frame instanceof TunnelFrame.StreamStart start) {
        if (streams.size() >= MAX_IN_FLIGHT) {
          send(webSocket, new TunnelFrame.StreamChunk(start.requestId(), new byte[0], 0, true));
          return;
        }
        streams.put(start.requestId(), router.stream(start, chunk -> {
          if (chunk.close()) {
            streams.remove(chunk.requestId());
          }
          send(webSocket, chunk);
        }));
        return;
      }
      if (frame instanceof TunnelFrame.StreamChunk chunk) {
        AutoCloseable stream = chunk.close() ? streams.remove(chunk.requestId()) : null;
        if (stream != null) {
          try {
            stream.close();
          } catch (Exception ignored) {
            // already ended
          }
        }
        return;
      }
      if (!(frame instanceof TunnelFrame.Request request)) {
        return; // responses are not for agents
      }
      if (!inFlight.tryAcquire()) {
        send(webSocket, new TunnelFrame.Response(request.requestId(), 503, java.util.Map.of(), new byte[0],
            new TunnelFrame.Error(503, "agent busy: " + MAX_IN_FLIGHT + " requests in flight", java.util.Map.of())));
        return;
      }
      router.handle(request).whenComplete((response, error) -> {
        inFlight.release();
        send(webSocket, response != null ? response : new TunnelFrame.Response(request.requestId(), 502,
            java.util.Map.of(), new byte[0], new TunnelFrame.Error(502, "agent failed: " + error, java.util.Map.of())));
      });
    }

    private void send(WebSocket webSocket, TunnelFrame frame) {
      String text = TunnelFrames.write(frame);
      synchronized (this) {
        if (!sending) {
          return; // the connection ended
        }
        lastSend = lastSend.handle((ignored, previousFailed) -> null)
            .thenCompose(ignored -> webSocket.sendText(text, true))
            .orTimeout(30, TimeUnit.SECONDS)
            .whenComplete((ignored, e) -> {
              if (e != null) {
                log.println("agent: a frame could not be sent: " + rootMessage(e));
              }
            });
      }
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      lastSeen = Instant.now(clock); // the JDK answers the ping with a pong
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
      lastSeen = Instant.now(clock);
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      lastSeen = Instant.now(clock);
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      ended.complete("closed by the gateway: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      ended.complete("error: " + rootMessage(error));
    }
  }

  /** Whether the gateway answered the upgrade and said no (a status, or a TLS alert about the certificate). */
  private static boolean refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.http.WebSocketHandshakeException || t instanceof javax.net.ssl.SSLHandshakeException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  @Override
  public void close() {
    closed = true;
    WebSocket ws = current;
    if (ws != null) {
      ws.abort();
    }
    Thread t = loop;
    if (t != null) {
      t.interrupt();
    }
  }

  /** {@code java -jar wfrun-cluster-agent.jar}: configured from the environment ({@link AgentOptions}). */
  /**
   * The agent as deployed: it trusts its API server by {@code apiServerCa} and calls it with the
   * token re-read from {@code tokenFile} (it rotates), each call bounded by upstream's 30 s.
   */
  public static ClusterAgent of(AgentOptions options, PrintStream log)
      throws java.io.IOException, java.security.GeneralSecurityException {
    // the client's own work runs on its selector thread, not handed to an executor: each blocking
    // call (on the router's kept pool) is woken one hand-off sooner (TunnelLatencyBench)
    HttpClient api = HttpClient.newBuilder().sslContext(ApiServerTrust.context(options.apiServerCa()))
        .executor(Runnable::run).connectTimeout(Duration.ofSeconds(5)).build();
    AgentRouter router = new AgentRouter(options.apiServer(), () -> ApiServerTrust.read(options.tokenFile()), api,
        Duration.ofSeconds(30));
    return new ClusterAgent(options, router, log, Clock.systemUTC());
  }

  public static void main(String[] args) throws Exception {
    AgentOptions options;
    try {
      options = AgentOptions.from(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("agent: " + e.getMessage());
      System.exit(2);
      return;
    }
    ClusterAgent agent = of(options, System.out).start();
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "wfrun-agent-stop"));
    Thread.currentThread().join();
  }
}
