package dev.wfrun.core.tunnel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@link TunnelFrame}s as upstream's agent and gateway do. Reading follows
 * upstream's order: a stream start ({@code isUpgrade} and {@code requestID}), then a stream chunk
 * ({@code requestID} and {@code data} or {@code isClose}), then a response ({@code statusCode}),
 * else a request; a frame without {@code requestID} is dropped (empty). Writing keeps upstream's
 * field order and leaves out what Go's {@code omitempty} leaves out, so frames round-trip byte for
 * byte with upstream's encoder.
 */
public final class TunnelFrames {
  /** Larger frames are refused before they are parsed (the proxy's body limit plus base64 and JSON). */
  public static final int MAX_FRAME_CHARS = 14 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper(new com.fasterxml.jackson.core.JsonFactory()
      .setCharacterEscapes(new GoEscapes()));
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private TunnelFrames() {}

  /**
   * The frame in {@code text}, or empty for one without {@code requestID}.
   *
   * @throws MalformedFrameException for text that is not a JSON object, too large, or bad base64
   */
  public static Optional<TunnelFrame> read(String text) {
    if (text.length() > MAX_FRAME_CHARS) {
      throw new MalformedFrameException("frame of " + text.length() + " characters is over the limit of "
          + MAX_FRAME_CHARS);
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MalformedFrameException("frame is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedFrameException("frame is not a JSON object");
    }
    String id = node.path("requestID").asText("");
    if (id.isEmpty()) {
      return Optional.empty();
    }
    if (node.path("isUpgrade").asBoolean(false)) {
      return Optional.of(new TunnelFrame.StreamStart(id, text(node, "target"), text(node, "method"),
          text(node, "path"), text(node, "query"), text(node, "upgradeProto")));
    }
    if (node.has("data") || node.has("isClose")) {
      return Optional.of(new TunnelFrame.StreamChunk(id, bytes(node, "data"), node.path("streamId").asInt(0),
          node.path("isClose").asBoolean(false), node.path("wfrunStatus").asInt(0)));
    }
    if (node.has("statusCode")) {
      JsonNode error = node.get("error");
      TunnelFrame.Error err = error == null || error.isNull() ? null : new TunnelFrame.Error(
          error.path("code").asInt(0), error.path("message").asText(""),
          error.has("details") && error.get("details").isObject()
              ? JSON.convertValue(error.get("details"), Map.class) : Map.of());
      return Optional.of(new TunnelFrame.Response(id, node.path("statusCode").asInt(0), headers(node),
          bytes(node, "body"), err));
    }
    return Optional.of(new TunnelFrame.Request(id, text(node, "gatewayRequestID"), text(node, "target"),
        text(node, "method"), text(node, "path"), text(node, "query"), headers(node), bytes(node, "body")));
  }

  /** The frame as upstream writes it. */
  public static String write(TunnelFrame frame) {
    ObjectNode out = JSON.createObjectNode();
    if (frame instanceof TunnelFrame.Request r) {
      out.put("requestID", r.requestId());
      putIfNotEmpty(out, "gatewayRequestID", r.gatewayRequestId());
      out.put("target", r.target()).put("method", r.method()).put("path", r.path());
      putIfNotEmpty(out, "query", r.query());
      putHeaders(out, r.headers());
      putBytes(out, "body", r.body());
    } else if (frame instanceof TunnelFrame.Response r) {
      out.put("requestID", r.requestId()).put("statusCode", r.statusCode());
      putHeaders(out, r.headers());
      putBytes(out, "body", r.body());
      if (r.error() != null) {
        ObjectNode error = out.putObject("error").put("code", r.error().code()).put("message", r.error().message());
        if (r.error().details() != null && !r.error().details().isEmpty()) {
          error.set("details", JSON.valueToTree(r.error().details()));
        }
      }
    } else if (frame instanceof TunnelFrame.StreamStart s) {
      out.put("requestID", s.requestId()).put("target", s.target()).put("method", s.method())
          .put("path", s.path());
      putIfNotEmpty(out, "query", s.query());
      out.put("isUpgrade", true);
      putIfNotEmpty(out, "upgradeProto", s.upgradeProto());
    } else if (frame instanceof TunnelFrame.StreamChunk c) {
      out.put("requestID", c.requestId());
      putBytes(out, "data", c.data());
      out.put("streamId", c.streamId()).put("isClose", c.close());
      if (c.status() != 0) {
        out.put("wfrunStatus", c.status());
      }
    }
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a frame always serialises", e);
    }
  }

  /** Go's encoding/json escapes {@code < > &} and U+2028/U+2029 as {@code \\u} sequences; so does this. */
  private static final class GoEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
    private final int[] escapes = standardAsciiEscapesForJSON();

    GoEscapes() {
      escapes['<'] = ESCAPE_CUSTOM;
      escapes['>'] = ESCAPE_CUSTOM;
      escapes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
        return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).asText("");
  }

  private static byte[] bytes(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asText().isEmpty()) {
      return new byte[0];
    }
    try {
      return B64D.decode(value.asText());
    } catch (IllegalArgumentException e) {
      throw new MalformedFrameException(field + ": not standard base64: " + e.getMessage());
    }
  }

  private static Map<String, List<String>> headers(JsonNode node) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    JsonNode headers = node.path("headers");
    for (Map.Entry<String, JsonNode> e : headers.properties()) {
      List<String> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> values.add(v.asText()));
      } else {
        values.add(e.getValue().asText());
      }
      out.put(e.getKey(), List.copyOf(values));
    }
    return out;
  }

  private static void putIfNotEmpty(ObjectNode out, String field, String value) {
    if (value != null && !value.isEmpty()) {
      out.put(field, value);
    }
  }

  private static void putHeaders(ObjectNode out, Map<String, List<String>> headers) {
    if (headers == null || headers.isEmpty()) {
      return;
    }
    ObjectNode h = out.putObject("headers");
    new java.util.TreeMap<>(headers).forEach((k, v) -> {
      var values = h.putArray(k); // Go writes map keys sorted
      v.forEach(values::add);
    });
  }

  private static void putBytes(ObjectNode out, String field, byte[] bytes) {
    if (bytes != null && bytes.length > 0) {
      out.put(field, B64.encodeToString(bytes));
    }
  }
}
