package dev.wfrun.core.cluster;

import dev.wfrun.core.engine.TaskLogStream;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One follow's kubelet log streams ({@code follow=true}): a reader per task container, at most
 * {@value #MAX_STREAMS} containers, each line queued (at most {@value #MAX_QUEUED} waiting; a reader
 * waits when the queue is full) for the follow to hand on. A stream that ends after lines (the container
 * terminated) is not opened again; one refused before its first line (the container has not started) is
 * opened again on a later look, {@value #MAX_ATTEMPTS} times at most; none is opened once the plane
 * cannot stream (a stock agent answers 501). The follow's reads cover whatever no stream brings.
 * Closing stops every reader.
 */
final class LogStreams implements AutoCloseable {
  static final int MAX_STREAMS = 16;
  static final int MAX_QUEUED = 10_000;
  /** A container not started yet refuses a follow (400): it is tried again this many times. */
  static final int MAX_ATTEMPTS = 20;
  /** How long a stream may take to start answering. */
  static final int OPEN_TIMEOUT_SECONDS = 30;

  private final Integer sinceSeconds;
  private final BlockingQueue<RunLogs.Line> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final Map<String, CompletableFuture<HttpResponse<InputStream>>> open = new ConcurrentHashMap<>();
  /** How often each container's stream was opened: one that ended before its first line is opened again. */
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  /** Containers whose stream delivered lines and ended: they terminated; the reads cover the rest. */
  private final Set<String> complete = ConcurrentHashMap.newKeySet();
  private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "wfrun-log-stream");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean unsupported;
  private volatile boolean closed;

  LogStreams(Integer sinceSeconds) {
    this.sinceSeconds = sinceSeconds;
  }

  /** Starts a reader for each container of {@code live} not streamed before (none once the plane refused one). */
  void open(RunLogs.Live live) {
    for (TaskLogStream s : live.streams()) {
      String key = RunLogs.containerKey(s);
      if (unsupported || closed || open.containsKey(key) || complete.contains(key)
          || (!attempts.containsKey(key) && attempts.size() >= MAX_STREAMS)
          || attempts.merge(key, 1, Integer::sum) > MAX_ATTEMPTS) {
        continue;
      }
      // the kubelet's follow as a plain streamed GET, through the plane's client (its auth, its TLS, the tunnel)
      String url = live.plane().getMasterUrl().toString().replaceAll("/+$", "") + "/api/v1/namespaces/"
          + encode(s.namespace()) + "/pods/" + encode(s.pod()) + "/log?follow=true&timestamps=true&container="
          + encode(s.container()) + (sinceSeconds == null ? "" : "&sinceSeconds=" + sinceSeconds);
      HttpClient http = live.plane().getHttpClient();
      CompletableFuture<HttpResponse<InputStream>> response;
      try {
        response = http.sendAsync(http.newHttpRequestBuilder().uri(url).build(), InputStream.class);
      } catch (RuntimeException e) {
        continue; // the reads cover this container
      }
      open.put(key, response);
      readers.execute(() -> read(key, s.task(), response));
    }
  }

  private static String encode(String part) {
    return java.net.URLEncoder.encode(part, StandardCharsets.UTF_8);
  }

  private void read(String key, String task, CompletableFuture<HttpResponse<InputStream>> pending) {
    try {
      HttpResponse<InputStream> response = pending.get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!response.isSuccessful()) {
        unsupported |= response.code() == 501; // a stock agent: no streams through it
        response.body().close();
        return;
      }
      boolean delivered = false;
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String raw;
        while (!closed && (raw = lines.readLine()) != null) {
          if (raw.isEmpty()) {
            continue;
          }
          RunLogs.Line line = RunLogs.line(task, raw);
          if (line.timestamp() == null) {
            // asked with timestamps, every log line has one: this is an error answer streamed as a body
            // (a tunnel's stream has sent its 200 already), e.g. a container that has not started
            return;
          }
          queue.put(line);
          delivered = true;
        }
      }
      if (delivered) {
        complete.add(key);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception ended) {
      // the stream broke, timed out or was refused: the follow's reads cover the container
    } finally {
      open.remove(key);
    }
  }

  /** The containers streamed right now ({@link RunLogs#containerKey}): the reads leave them out. */
  Set<String> active() {
    return Set.copyOf(open.keySet());
  }

  /** Hands on every queued line; false when the sink refused one. */
  boolean drain(Predicate<RunLogs.Line> sink) {
    RunLogs.Line line;
    while ((line = queue.poll()) != null) {
      if (!sink.test(line)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Hands on streamed lines as they arrive for {@code time}, running {@code discover} every
   * {@code every} (so a new task's container is streamed from its first line); false when the sink
   * refused one.
   */
  boolean deliverFor(Duration time, Predicate<RunLogs.Line> sink, Runnable discover, Duration every) {
    long deadline = System.nanoTime() + time.toNanos();
    long nextDiscovery = System.nanoTime() + every.toNanos();
    try {
      for (long left = time.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        long wait = Math.max(1, Math.min(left, nextDiscovery - System.nanoTime()));
        RunLogs.Line line = queue.poll(wait, TimeUnit.NANOSECONDS);
        if (line != null && !sink.test(line)) {
          return false;
        }
        if (System.nanoTime() >= nextDiscovery) {
          discover.run();
          nextDiscovery = System.nanoTime() + every.toNanos();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
    for (CompletableFuture<HttpResponse<InputStream>> response : open.values()) {
      response.thenAccept(r -> {
        try {
          r.body().close();
        } catch (java.io.IOException ignored) {
          // closing what is going anyway
        }
      });
      response.cancel(true);
    }
    readers.shutdownNow();
  }
}
