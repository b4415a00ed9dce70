package dev.wfrun.core.tunnel;

import java.util.List;
import java.util.Map;

/**
 * One WebSocket text frame of OpenChoreo's cluster-agent protocol (upstream
 * {@code internal/cluster-agent/messaging/types.go}): JSON without a type field, byte fields as
 * standard base64 with padding, headers as {@code {"Name": ["v1", "v2"]}}. {@link TunnelFrames}
 * tells them apart in upstream's order and writes them with upstream's field order.
 */
public sealed interface TunnelFrame {
  String requestId();

  /** Gateway → agent: one HTTP request to run against the agent's own API server. */
  record Request(String requestId, String gatewayRequestId, String target, String method, String path,
      String query, Map<String, List<String>> headers, byte[] body) implements TunnelFrame {}

  /**
   * Agent → gateway: the answer, its body buffered whole.
   *
   * @param error only when the backend call itself failed (then usually statusCode 502)
   */
  record Response(String requestId, int statusCode, Map<String, List<String>> headers, byte[] body,
      Error error) implements TunnelFrame {}

  /** Why the agent could not get an answer from its backend. */
  record Error(int code, String message, Map<String, Object> details) {}

  /** Gateway → agent: the start of a stream ({@code isUpgrade}); upstream uses it for exec. */
  record StreamStart(String requestId, String target, String method, String path, String query,
      String upgradeProto) implements TunnelFrame {}

  /**
   * Either direction: a chunk of a stream, or its end ({@code isClose}). {@code status} (wfrun's
   * extension, field {@code wfrunStatus}; 0 when absent) is set on the only chunk of a stream the API
   * server refused: its status code, with its answer as {@code data}.
   */
  record StreamChunk(String requestId, byte[] data, int streamId, boolean close, int status) implements TunnelFrame {
    public StreamChunk(String requestId, byte[] data, int streamId, boolean close) {
      this(requestId, data, streamId, close, 0);
    }
  }
}
