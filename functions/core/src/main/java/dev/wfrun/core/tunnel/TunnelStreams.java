package dev.wfrun.core.tunnel;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Streams the gateway opened through agents that announced wfrun's stream extension (watches, log
 * follows), their chunks handed to whoever opened them; bounded in number.
 */
public final class TunnelStreams {
  private final Map<String, Consumer<TunnelFrame.StreamChunk>> open = new ConcurrentHashMap<>();
  private final int max;

  public TunnelStreams(int max) {
    this.max = max;
  }

  /** Starts a stream through the connection; returns its id (to {@link #stop}), or null when too many are open. */
  public String start(AgentConnection connection, String path, String query, Consumer<TunnelFrame.StreamChunk> chunks) {
    if (open.size() >= max) {
      return null;
    }
    String id = UUID.randomUUID().toString();
    open.put(id, chunks);
    connection.send(TunnelFrames.write(new TunnelFrame.StreamStart(id, "k8s", "GET", path, query, "")));
    return id;
  }

  /** An agent's chunk; false when no stream of that id is open. */
  public boolean deliver(TunnelFrame.StreamChunk chunk) {
    Consumer<TunnelFrame.StreamChunk> consumer = chunk.close() ? open.remove(chunk.requestId())
        : open.get(chunk.requestId());
    if (consumer == null) {
      return false;
    }
    consumer.accept(chunk);
    return true;
  }

  /** Ends a stream from the gateway's side. */
  public void stop(AgentConnection connection, String id) {
    if (open.remove(id) != null) {
      connection.send(TunnelFrames.write(new TunnelFrame.StreamChunk(id, new byte[0], 0, true)));
    }
  }

  public int open() {
    return open.size();
  }
}
