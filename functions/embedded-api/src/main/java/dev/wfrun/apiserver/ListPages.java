package dev.wfrun.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Paged lists as a real API server answers them (the CRUD mock ignores {@code limit} and
 * {@code continue}): items in key order (namespace, then name), at most {@code limit} of them, and
 * {@code metadata.continue} naming where the next page starts while more remain, with
 * {@code remainingItemCount}. A continue token this server did not issue is a 400, as a real one
 * answers a malformed token.
 */
final class ListPages {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "wfrun-embedded:";

  private ListPages() {}

  static MockResponse of(RequestAttributes request, Map<String, String> query, MockResponse response) {
    String limit = query.get("limit");
    String token = query.get("continue");
    if (!request.verb().equals("list") || response.code() != 200
        || ((limit == null || limit.isEmpty()) && (token == null || token.isEmpty()))) {
      return response;
    }
    String after = "";
    if (token != null && !token.isEmpty()) {
      after = decode(token);
      if (after == null) {
        return ApiStatus.badRequest("continue key is not valid: the token was not issued by this server");
      }
    }
    long max;
    try {
      max = limit == null || limit.isEmpty() ? Long.MAX_VALUE : Long.parseLong(limit);
    } catch (NumberFormatException e) {
      return ApiStatus.badRequest("limit: invalid value \"" + limit + "\"");
    }
    if (max <= 0) {
      max = Long.MAX_VALUE; // a real server treats limit=0 as no limit
    }
    ObjectNode list;
    try {
      list = (ObjectNode) JSON.readTree(response.getBody().readUtf8());
    } catch (Exception e) {
      return response;
    }
    List<JsonNode> items = new ArrayList<>();
    list.path("items").forEach(items::add);
    items.sort(Comparator.comparing(ListPages::key));
    ArrayNode page = JSON.createArrayNode();
    String last = null;
    int remaining = 0;
    for (JsonNode item : items) {
      if (key(item).compareTo(after) <= 0) {
        continue;
      }
      if (page.size() < max) {
        page.add(item);
        last = key(item);
      } else {
        remaining++;
      }
    }
    list.set("items", page);
    ObjectNode metadata = list.withObjectProperty("metadata");
    metadata.remove("continue");
    metadata.remove("remainingItemCount");
    if (remaining > 0 && last != null) {
      metadata.put("continue", encode(last));
      metadata.put("remainingItemCount", remaining);
    }
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(list.toString());
  }

  private static String key(JsonNode item) {
    JsonNode metadata = item.path("metadata");
    return metadata.path("namespace").asText("") + "/" + metadata.path("name").asText("");
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      return decoded.startsWith(PREFIX) ? decoded.substring(PREFIX.length()) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
