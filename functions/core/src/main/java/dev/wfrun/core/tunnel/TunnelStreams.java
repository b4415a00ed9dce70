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
  private final Map<String, Open> open = new ConcurrentHashMap<>();

  private record Open(String connection, Consumer<TunnelFrame.StreamChunk> chunks) {}
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
    open.put(id, new Open(connection.id(), chunks));
    connection.send(TunnelFrames.write(new TunnelFrame.StreamStart(id, "k8s", "GET", path, query, "")));
    return id;
  }

  /** An agent's chunk; false when no stream of that id is open. */
  public boolean deliver(TunnelFrame.StreamChunk chunk) {
    Open stream = chunk.close() ? open.remove(chunk.requestId()) : open.get(chunk.requestId());
    if (stream == null) {
      return false;
    }
    stream.chunks().accept(chunk);
    return true;
  }

  /**
   * The connection dropped: each of its streams ends as if the agent had closed it (whoever opened it
   * learns at once, and the slot is free again).
   */
  public void closeAll(String connectionId) {
    open.forEach((id, stream) -> {
      if (stream.connection().equals(connectionId) && open.remove(id, stream)) {
        stream.chunks().accept(new TunnelFrame.StreamChunk(id, new byte[0], 0, true));
      }
    });
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
