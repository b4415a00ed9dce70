package dev.wfrun.core.cluster;

import dev.wfrun.core.engine.TaskLogStream;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
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
 * {@value #MAX_STREAMS}, each line queued (at most {@value #MAX_QUEUED} waiting; a reader waits when the
 * queue is full) for the follow to hand on. A container whose stream ends (it terminated, the pod
 * went, or the plane cannot stream: a stock agent answers 501) is not opened again; the follow's reads
 * cover it. Closing stops every reader.
 */
final class LogStreams implements AutoCloseable {
  static final int MAX_STREAMS = 16;
  static final int MAX_QUEUED = 10_000;

  private final Integer sinceSeconds;
  private final BlockingQueue<RunLogs.Line> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final Map<String, LogWatch> open = new ConcurrentHashMap<>();
  private final Set<String> tried = ConcurrentHashMap.newKeySet();
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
      if (unsupported || closed || tried.size() >= MAX_STREAMS || !tried.add(key)) {
        continue;
      }
      LogWatch watch;
      try {
        var log = live.plane().pods().inNamespace(s.namespace()).withName(s.pod()).inContainer(s.container())
            .usingTimestamps();
        watch = sinceSeconds == null ? log.watchLog() : log.sinceSeconds(sinceSeconds).watchLog();
      } catch (KubernetesClientException e) {
        unsupported |= e.getCode() == 501;
        continue; // the reads cover this container
      }
      open.put(key, watch);
      readers.execute(() -> read(key, s.task(), watch));
    }
  }

  private void read(String key, String task, LogWatch watch) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
      String raw;
      while (!closed && (raw = lines.readLine()) != null) {
        if (!raw.isEmpty()) {
          queue.put(RunLogs.line(task, raw));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception ended) {
      // the stream broke or was refused: the follow's reads cover the container
    } finally {
      open.remove(key);
      watch.close();
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
    open.values().forEach(LogWatch::close);
    readers.shutdownNow();
  }
}
