package dev.wfrun.core.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Request headers, looked up case-insensitively (HTTP/2 sends them lowercase). */
public final class WebhookHeaders {
  private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final java.util.Set<String> repeated = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  public WebhookHeaders(Map<String, String> headers) {
    headers.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
  }

  /** Headers as a server hands them over, each with every value it was sent with (first one wins). */
  public static WebhookHeaders ofAll(Map<String, ? extends java.util.List<String>> headers) {
    Map<String, String> first = new java.util.LinkedHashMap<>();
    WebhookHeaders out = new WebhookHeaders(Map.of());
    headers.forEach((k, v) -> {
      out.values.putIfAbsent(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0));
      if (v.size() > 1 || (first.put(k.toLowerCase(Locale.ROOT), "") != null)) {
        out.repeated.add(k);
      }
    });
    return out;
  }

  /** Whether the header was sent more than once. */
  public boolean isRepeated(String name) {
    return repeated.contains(name);
  }

  /** The header's value, or "" when absent. */
  public String get(String name) {
    String value = values.get(name);
    return value == null ? "" : value;
  }
}
