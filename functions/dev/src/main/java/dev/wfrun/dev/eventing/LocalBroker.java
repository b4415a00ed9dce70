package dev.wfrun.dev.eventing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The local stand-in for a Knative Broker: an HTTP ingress ({@code POST /<namespace>/<broker>}) and
 * the Triggers of {@code knative/}, which post matching events in binary mode to their subscriber
 * as Knative does: retries with the Broker's backoff (network errors, 404, 408, 409, 429 and 5xx),
 * replies fed back into the Broker, and what still fails written to the dead-letter log.
 */
public final class LocalBroker implements AutoCloseable {
  private final KnativeManifests manifests;
  private final Function<KnativeManifests.Trigger, URI> subscribers;
  private final DeadLetterLog deadLetters;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final ExecutorService deliveries = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "wfrun-dev-broker");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private volatile boolean closed;
  /** Subscribers (scheme://host:port) known to be restarting: their deliveries wait instead of using up retries. */
  private final java.util.Set<String> restarting = java.util.concurrent.ConcurrentHashMap.newKeySet();
  static final Duration MAX_RESTART_WAIT = Duration.ofMinutes(3);

  /**
   * Marks the subscriber at {@code base} down (restarting) or back. While it is down, its deliveries
   * wait for it rather than spend their retries and dead-letter, as a Broker's queue holds events
   * while a Knative Service scales up.
   */
  public void subscriberAvailable(URI base, boolean available) {
    String key = base.getScheme() + "://" + base.getAuthority();
    if (available) {
      restarting.remove(key);
    } else {
      restarting.add(key);
    }
  }

  private void awaitSubscriber(URI target) {
    String key = target.getScheme() + "://" + target.getAuthority();
    long deadline = System.nanoTime() + MAX_RESTART_WAIT.toNanos();
    while (restarting.contains(key) && !closed && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(100));
    }
  }

  /** @param subscribers where a Trigger's subscriber listens */
  public LocalBroker(KnativeManifests manifests, Function<KnativeManifests.Trigger, URI> subscribers,
      DeadLetterLog deadLetters, int port) throws IOException {
    this.manifests = manifests;
    this.subscribers = subscribers;
    this.deadLetters = deadLetters;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.setExecutor(deliveries);
    server.createContext(path(), this::ingress);
    server.start();
  }

  private String path() {
    return "/" + manifests.broker().namespace() + "/" + manifests.broker().name();
  }

  /** The ingress URL, as Knative's {@code broker-ingress.knative-eventing.svc.cluster.local/NS/NAME}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path();
  }

  public long delivered() {
    return delivered.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  /**
   * Waits until no delivery has been in flight for {@code quiet} (events of the API server arrive a
   * little after the writes that cause them), or {@code timeout} passed; false on timeout.
   */
  public boolean awaitIdle(Duration quiet, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long idleSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (inFlight.get() > 0) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince >= quiet.toNanos()) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  private void ingress(HttpExchange exchange) throws IOException {
    int code;
    try {
      if (!exchange.getRequestMethod().equals("POST")) {
        code = 405;
      } else {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpHeaders headers = HttpHeaders.of(exchange.getRequestHeaders(), (a, b) -> true);
        Optional<LocalEvent> event = CloudEventsHttp.read(headers, body);
        code = event.isPresent() ? 202 : 400;
        event.ifPresent(this::publish);
      }
    } catch (IOException | RuntimeException e) {
      code = 400;
    }
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.sendResponseHeaders(code, -1);
    }
  }

  /** Hands the event to every matching Trigger (asynchronously, as the Broker does). */
  public void publish(LocalEvent event) {
    if (closed) {
      return;
    }
    Map<String, String> attributes = new HashMap<>(event.attributes());
    attributes.putIfAbsent("knativearrivaltime", Instant.now().toString());
    LocalEvent arrived = new LocalEvent(attributes, event.data());
    for (KnativeManifests.Trigger trigger : manifests.triggers()) {
      if (trigger.matches(arrived)) {
        inFlight.incrementAndGet();
        try {
          deliveries.execute(() -> {
            try {
              deliver(trigger, arrived);
            } finally {
              inFlight.decrementAndGet();
            }
          });
        } catch (RuntimeException e) {
          inFlight.decrementAndGet();
          throw e;
        }
      }
    }
  }

  private void deliver(KnativeManifests.Trigger trigger, LocalEvent event) {
    KnativeManifests.Broker policy = manifests.broker();
    URI target = subscribers.apply(trigger);
    String failure = "";
    int forgiven = 0;
    for (int attempt = 0; attempt <= policy.retry() && !closed; attempt++) {
      if (attempt > 0) {
        sleep(backoff(policy, attempt));
      }
      awaitSubscriber(target);
      try {
        HttpResponse<byte[]> response = http.send(CloudEventsHttp.binary(target, event)
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
          delivered.incrementAndGet();
          CloudEventsHttp.read(response.headers(), response.body()).ifPresent(this::publish);
          return;
        }
        failure = "HTTP " + code + " " + firstLine(new String(response.body(), StandardCharsets.UTF_8));
        if (!retriable(code)) {
          break;
        }
      } catch (IOException e) {
        failure = e.getClass().getSimpleName() + " " + String.valueOf(e.getMessage());
        String key = target.getScheme() + "://" + target.getAuthority();
        if (restarting.contains(key) && forgiven++ < 20) {
          attempt--; // it went down meanwhile: this attempt does not count
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!closed) {
      deadLetters.write(event, trigger.name(), failure);
      deadLettered.incrementAndGet(); // counted once it is in the log
    }
  }

  static Duration backoff(KnativeManifests.Broker policy, int attempt) {
    return policy.exponential() ? policy.backoffDelay().multipliedBy(1L << Math.min(attempt - 1, 20))
        : policy.backoffDelay();
  }

  static boolean retriable(int code) {
    return code >= 500 || List.of(404, 408, 409, 429).contains(code);
  }

  private static String firstLine(String s) {
    String line = s.lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    deliveries.shutdownNow();
    try {
      deliveries.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
