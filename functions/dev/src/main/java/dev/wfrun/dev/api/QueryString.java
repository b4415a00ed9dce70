package dev.wfrun.dev.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A request's query parameters (last value wins), and the query a write may pass on to the mock. */
record QueryString(Map<String, String> params) {
  /** Parameters the CRUD mock misreads on writes ({@code /status?fieldManager=} counts as a main write). */
  private static final Set<String> WRITE_ONLY = Set.of("fieldManager", "fieldValidation", "pretty");

  static QueryString parse(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.put(key, value);
      }
    }
    return new QueryString(params);
  }

  String get(String key) {
    return params.get(key);
  }

  boolean flag(String key) {
    String v = params.get(key);
    return "true".equals(v) || "1".equals(v);
  }

  /** The raw query without the given keys, "" when nothing is left. */
  static String without(String raw, boolean write) {
    if (raw == null || raw.isEmpty() || !write) {
      return raw == null ? "" : raw;
    }
    return java.util.Arrays.stream(raw.split("&"))
        .filter(p -> !WRITE_ONLY.contains(p.contains("=") ? p.substring(0, p.indexOf('=')) : p))
        .collect(Collectors.joining("&"));
  }
}
