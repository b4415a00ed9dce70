package dev.wfrun.dev.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker stand-in posts CloudEvents to subscribers as Knative does: filters, retries, replies, dead letters. */
class LocalBrokerTest {
  @TempDir Path dir;
  private HttpServer subscriber;
  private LocalBroker broker;
  private final BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean holdDeliveries;

  private static final KnativeManifests.Broker POLICY =
      new KnativeManifests.Broker("wfrun-system", "wfrun", 3, true, Duration.ofMillis(10));

  private void start(int failures, int failureCode, String replyType) throws Exception {
    failuresLeft.set(failures);
    subscriber = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    subscriber.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      if (holdDeliveries) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      received.add(Map.of("type", String.valueOf(exchange.getRequestHeaders().getFirst("ce-type")),
          "kind", String.valueOf(exchange.getRequestHeaders().getFirst("ce-kind"))));
      if (failuresLeft.getAndDecrement() > 0) {
        exchange.sendResponseHeaders(failureCode, -1);
      } else if (replyType != null && !"reply".equals(exchange.getRequestHeaders().getFirst("ce-kind"))) {
        exchange.getResponseHeaders().set("ce-specversion", "1.0");
        exchange.getResponseHeaders().set("ce-id", "r1");
        exchange.getResponseHeaders().set("ce-type", replyType);
        exchange.getResponseHeaders().set("ce-source", "subscriber");
        exchange.getResponseHeaders().set("ce-kind", "reply");
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } else {
        exchange.sendResponseHeaders(202, -1);
      }
      exchange.close();
    });
    subscriber.start();
    URI target = URI.create("http://127.0.0.1:" + subscriber.getAddress().getPort() + "/");
    KnativeManifests manifests = new KnativeManifests(POLICY, List.of(
        new KnativeManifests.Trigger("first", Map.of("type", "test.first"), "fn", null),
        new KnativeManifests.Trigger("reply", Map.of("type", "test.reply"), "fn", null)), List.of(), List.of(),
        List.of("fn"), List.of("fn-account"));
    broker = new LocalBroker(manifests, t -> target,
        new DeadLetterLog(dir.resolve("dead.jsonl"), new PrintStream(console, true, StandardCharsets.UTF_8)), 0);
  }

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.close();
    }
    if (subscriber != null) {
      subscriber.stop(0);
    }
  }

  private int post(String type) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(broker.url())).header("ce-specversion", "1.0")
        .header("ce-id", "e1").header("ce-type", type).header("ce-source", "test").header("ce-kind", "first")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void ingressAcceptsAnEventAndDeliversItToTheMatchingTrigger() throws Exception {
    start(0, 500, null);
    assertThat(post("test.first")).isEqualTo(202);
    assertThat(received.poll(5, TimeUnit.SECONDS)).containsEntry("type", "test.first").containsEntry("kind", "first");
    assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("no other trigger matched").isNull();
  }

  @Test
  void retriesAServerErrorUntilItIsDelivered() throws Exception {
    start(2, 503, null);
    post("test.first");
    for (int i = 0; i < 3; i++) {
      assertThat(received.poll(5, TimeUnit.SECONDS)).as("attempt %d", i + 1).isNotNull();
    }
    awaitDelivered(1);
    assertThat(broker.deadLettered()).isZero();
  }

  @Test
  void anEventThatNeverGoesThroughIsDeadLettered() throws Exception {
    start(100, 500, null);
    post("test.first");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (broker.deadLettered() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(broker.deadLettered()).isEqualTo(1);
    assertThat(received).hasSize(1 + POLICY.retry());
    assertThat(Files.readString(dir.resolve("dead.jsonl"))).contains("\"trigger\":\"first\"", "HTTP 500",
        "\"type\":\"test.first\"");
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("dead letter: test.first");
  }

  @Test
  void aClientErrorIsNotRetried() throws Exception {
    start(100, 400, null);
    post("test.first");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (broker.deadLettered() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(received).hasSize(1);
    assertThat(broker.deadLettered()).isEqualTo(1);
  }

  @Test
  void aReplyEventGoesBackIntoTheBroker() throws Exception {
    start(0, 500, "test.reply");
    post("test.first");
    assertThat(received.poll(5, TimeUnit.SECONDS)).containsEntry("type", "test.first");
    assertThat(received.poll(5, TimeUnit.SECONDS)).containsEntry("type", "test.reply").containsEntry("kind", "reply");
  }

  @Test
  void isIdleOnlyWhenEveryDeliveryIsOverRetriesIncluded() throws Exception {
    start(2, 503, null);
    post("test.first");
    assertThat(broker.awaitIdle(Duration.ofMillis(50), Duration.ofSeconds(5))).isTrue();
    assertThat(broker.delivered()).as("delivered on the third attempt before idle").isEqualTo(1);
    assertThat(received).hasSize(3);
  }

  @Test
  void isNotIdleWhileASubscriberIsStillAnswering() throws Exception {
    holdDeliveries = true;
    start(0, 500, null);
    post("test.first");
    assertThat(broker.awaitIdle(Duration.ofMillis(10), Duration.ofMillis(300))).isFalse();
    release.countDown();
    assertThat(broker.awaitIdle(Duration.ofMillis(10), Duration.ofSeconds(5))).isTrue();
    assertThat(broker.delivered()).isEqualTo(1);
  }

  @Test
  void backoffDoublesFromTheDelay() {
    assertThat(LocalBroker.backoff(POLICY, 1)).isEqualTo(Duration.ofMillis(10));
    assertThat(LocalBroker.backoff(POLICY, 3)).isEqualTo(Duration.ofMillis(40));
    assertThat(LocalBroker.retriable(409)).isTrue();
    assertThat(LocalBroker.retriable(400)).isFalse();
  }

  private void awaitDelivered(long n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (broker.delivered() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(broker.delivered()).isEqualTo(n);
  }

  @Test
  void eventsForARestartingSubscriberWaitInsteadOfBeingDeadLettered() throws Exception {
    start(0, 500, null);
    int port = subscriber.getAddress().getPort();
    URI base = URI.create("http://127.0.0.1:" + port);
    subscriber.stop(0); // the functions child was killed
    broker.subscriberAvailable(base, false);
    post("test.first");
    assertThat(broker.awaitIdle(Duration.ofMillis(400), Duration.ofMillis(600)))
        .as("the delivery is still waiting for the subscriber").isFalse();
    assertThat(broker.deadLettered()).isZero();

    HttpServer back = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
    back.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.add(Map.of("type", String.valueOf(exchange.getRequestHeaders().getFirst("ce-type"))));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    back.start();
    try {
      broker.subscriberAvailable(base, true);
      assertThat(received.poll(10, TimeUnit.SECONDS)).containsEntry("type", "test.first");
      awaitDelivered(1);
      assertThat(broker.deadLettered()).isZero();
    } finally {
      back.stop(0);
    }
  }
}
