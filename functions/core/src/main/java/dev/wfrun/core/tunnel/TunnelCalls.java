package dev.wfrun.core.tunnel;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests sent through agents and waiting for their answers, matched by {@code requestID}; a
 * response for an unknown id is dropped (and counted), a call not answered within the timeout
 * (upstream: 30 s) fails. Bounded: past {@code maxPending} calls a new one fails at once.
 */
public final class TunnelCalls {
  private final Map<String, CompletableFuture<TunnelFrame.Response>> pending = new ConcurrentHashMap<>();
  private final Map<String, String> connectionOf = new ConcurrentHashMap<>();
  private final Duration timeout;
  private final int maxPending;
  private final java.util.concurrent.atomic.AtomicLong unknown = new java.util.concurrent.atomic.AtomicLong();

  public TunnelCalls(Duration timeout, int maxPending) {
    this.timeout = timeout;
    this.maxPending = maxPending;
  }

  /** Sends the request (its id assigned here) through the connection; completes with the agent's answer. */
  public CompletableFuture<TunnelFrame.Response> call(AgentConnection connection, TunnelFrame.Request request) {
    if (pending.size() >= maxPending) {
      return CompletableFuture.failedFuture(new IllegalStateException(maxPending + " tunnelled requests in flight"));
    }
    String id = UUID.randomUUID().toString();
    TunnelFrame.Request sent = new TunnelFrame.Request(id, "gw-" + id.replace("-", "").substring(0, 16),
        request.target(), request.method(), request.path(), request.query(), request.headers(), request.body());
    CompletableFuture<TunnelFrame.Response> answer = new CompletableFuture<TunnelFrame.Response>()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    pending.put(id, answer);
    connectionOf.put(id, connection.id());
    answer.whenComplete((r, e) -> {
      pending.remove(id);
      connectionOf.remove(id);
    });
    try {
      connection.send(TunnelFrames.write(sent));
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }

  /** An agent's answer; false when nobody waits for it (unknown or timed out). */
  public boolean complete(TunnelFrame.Response response) {
    CompletableFuture<TunnelFrame.Response> waiting = pending.remove(response.requestId());
    if (waiting == null) {
      unknown.incrementAndGet();
      return false;
    }
    return waiting.complete(response);
  }

  /** The connection dropped: its calls fail now (the caller answers 502) instead of waiting for the timeout. */
  public int failAll(String connectionId, String why) {
    int failed = 0;
    for (Map.Entry<String, String> e : connectionOf.entrySet()) {
      if (e.getValue().equals(connectionId)) {
        CompletableFuture<TunnelFrame.Response> call = pending.get(e.getKey());
        if (call != null && call.completeExceptionally(new IllegalStateException(why))) {
          failed++;
        }
      }
    }
    return failed;
  }

  public int pending() {
    return pending.size();
  }

  public long unknownResponses() {
    return unknown.get();
  }
}
