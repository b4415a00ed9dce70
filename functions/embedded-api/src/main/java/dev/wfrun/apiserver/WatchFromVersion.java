package dev.wfrun.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.util.Map;

/**
 * A watch from a resource version, as a real API server serves it: only changes after that version.
 * The CRUD mock opens every watch with an {@code ADDED} event for each object it holds, whatever the
 * {@code resourceVersion} asked; an informer (list, then watch from the list's version) would take
 * every object twice. A watch with {@code resourceVersion} set (not {@code 0}, no
 * {@code sendInitialEvents}) here drops the {@code ADDED} events of objects at or below that version;
 * one without it keeps them (a real server's "start at most recent" sends them too).
 */
final class WatchFromVersion {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WatchFromVersion() {}

  /** {@code response} with its WebSocket's initial replay filtered, when the query asks for it. */
  static MockResponse of(Map<String, String> query, MockResponse response) {
    WebSocketListener listener = response.getWebSocketListener();
    String version = query.get("resourceVersion");
    if (listener == null || version == null || "true".equals(query.get("sendInitialEvents"))) {
      return response;
    }
    long from;
    try {
      from = Long.parseLong(version);
    } catch (NumberFormatException e) {
      return response;
    }
    return from <= 0 ? response : response.withWebSocketUpgrade(new Filtering(listener, from));
  }

  /**
   * Whether an event message is an {@code ADDED} of an object at or below {@code from}. Every event of
   * the watch passes here: only those that name {@code ADDED} at all are parsed.
   */
  static boolean alreadyListed(String message, long from) {
    if (!message.contains("\"ADDED\"")) {
      return false;
    }
    try {
      JsonNode event = JSON.readTree(message);
      if (!"ADDED".equals(event.path("type").asText())) {
        return false;
      }
      String version = event.path("object").path("metadata").path("resourceVersion").asText("");
      return !version.isEmpty() && Long.parseLong(version) <= from;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static final class Filtering extends WebSocketListener {
    private final WebSocketListener delegate;
    private final long from;

    Filtering(WebSocketListener delegate, long from) {
      this.delegate = delegate;
      this.from = from;
    }

    private WebSocket filtered(WebSocket socket) {
      return new WebSocket() {
        @Override
        public RecordedRequest request() {
          return socket.request();
        }

        @Override
        public boolean send(String text) {
          return alreadyListed(text, from) || socket.send(text);
        }

        @Override
        public boolean send(byte[] bytes) {
          return socket.send(bytes);
        }

        @Override
        public boolean close(int code, String reason) {
          return socket.close(code, reason);
        }
      };
    }

    @Override
    public void onBeforeAccept(WebSocket socket, Response response) {
      delegate.onBeforeAccept(socket, response);
    }

    @Override
    public void onOpen(WebSocket socket, Response response) {
      delegate.onOpen(filtered(socket), response);
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
      delegate.onMessage(socket, text);
    }

    @Override
    public void onMessage(WebSocket socket, ByteString bytes) {
      delegate.onMessage(socket, bytes);
    }

    @Override
    public void onMessage(WebSocket socket, byte[] bytes) {
      delegate.onMessage(socket, bytes);
    }

    @Override
    public void onClosing(WebSocket socket, int code, String reason) {
      delegate.onClosing(socket, code, reason);
    }

    @Override
    public void onClosed(WebSocket socket, int code, String reason) {
      delegate.onClosed(socket, code, reason);
    }

    @Override
    public void onFailure(WebSocket socket, Throwable failure, Response response) {
      delegate.onFailure(socket, failure, response);
    }
  }
}
