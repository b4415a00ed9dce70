package dev.wfrun.dev.api;

import com.sun.net.httpserver.HttpExchange;
import dev.wfrun.apiserver.PodLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET .../pods/{pod}/log?follow=true} as the kubelet serves it: the lines so far (after
 * {@code sinceSeconds}, the last {@code tailLines}), then each new line as the container writes it,
 * over chunked HTTP, until the container terminates, the pod goes or the caller leaves. The CRUD mock
 * cannot stream a body, so the front serves it from the embedded API's {@link PodLogs}.
 */
final class LogFollower {
  static final Duration CHECK_EVERY = Duration.ofMillis(100);
  static final Duration MAX = Duration.ofHours(1);

  private final PodLogs logs;
  private final Clock clock;

  LogFollower(PodLogs logs, Clock clock) {
    this.logs = logs;
    this.clock = clock;
  }

  /** Streams the container's log; the pod's existence and the caller's rights were checked before. */
  void follow(HttpExchange exchange, String namespace, String pod, QueryString query) throws IOException {
    String container = query.get("container") == null ? "" : query.get("container");
    boolean timestamps = query.flag("timestamps");
    List<PodLogs.Line> first = logs.snapshot(namespace, pod, container);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, 0); // chunked
    Instant since = query.get("sinceSeconds") == null ? Instant.MIN
        : Instant.now(clock).minusSeconds(Long.parseLong(query.get("sinceSeconds")));
    int sent = 0;
    long deadline = System.nanoTime() + MAX.toNanos();
    try (OutputStream out = exchange.getResponseBody()) {
      if (first != null) {
        int from = query.get("tailLines") == null ? 0
            : Math.max(0, first.size() - Integer.parseInt(query.get("tailLines")));
        for (int i = from; i < first.size(); i++) {
          if (!first.get(i).time().isBefore(since)) {
            write(out, first.get(i), timestamps);
          }
        }
        sent = first.size();
        out.flush();
      }
      while (System.nanoTime() < deadline) {
        List<PodLogs.Line> now = logs.snapshot(namespace, pod, container);
        boolean done = logs.finished(namespace, pod, container);
        if (now != null) {
          for (int i = sent; i < now.size(); i++) {
            write(out, now.get(i), timestamps);
          }
          if (now.size() > sent) {
            out.flush();
          }
          sent = Math.max(sent, now.size());
        }
        if (done) {
          return;
        }
        try {
          Thread.sleep(CHECK_EVERY.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    } catch (IOException callerLeft) {
      // the caller closed the stream: nothing more to send
    }
  }

  private static void write(OutputStream out, PodLogs.Line line, boolean timestamps) throws IOException {
    out.write(((timestamps ? line.time() + " " : "") + line.text() + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
