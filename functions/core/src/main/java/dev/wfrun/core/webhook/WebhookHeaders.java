package dev.wfrun.core.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Request headers, looked up case-insensitively (HTTP/2 sends them lowercase). */
public final class WebhookHeaders {
  private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  public WebhookHeaders(Map<String, String> headers) {
    headers.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
  }

  /** The header's value, or "" when absent. */
  public String get(String name) {
    String value = values.get(name);
    return value == null ? "" : value;
  }
}
