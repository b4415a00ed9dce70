package dev.wfrun.core.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Length-limited Kubernetes names from free-form parts, with a stable hash suffix:
 * {@code ("Hello World!") -> hello-world-7f83b165}. Each part is sanitised (lowercase, anything
 * but letters, digits, '-' and '.' becomes '-'), shortened to an equal share of the limit, joined
 * with '-', and suffixed with the first 8 hex digits of SHA-256 of the original parts.
 */
public final class KubernetesNames {
  /** Limit of a DNS subdomain name (most object names). */
  public static final int NAME_LIMIT = 253;
  /** Limit of a DNS label (namespaces, services, label values). */
  public static final int LABEL_LIMIT = 63;

  private static final int HASH_LENGTH = 8;

  private KubernetesNames() {}

  public static String generate(List<String> parts, int limit) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("at least one name part is required");
    }
    String hash = sha256Hex(String.join("-", parts)).substring(0, HASH_LENGTH);
    int n = parts.size();
    int maxBase = limit - HASH_LENGTH - n;
    int per = Math.floorDiv(maxBase, n);
    int extra = Math.floorMod(maxBase, n);
    List<String> shortened = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int budget = Math.max(0, per + (i < extra ? 1 : 0));
      shortened.add(truncateBytes(sanitize(parts.get(i)), budget));
    }
    return trimNonAlphanumeric(String.join("-", shortened) + "-" + hash);
  }

  static String sanitize(String part) {
    StringBuilder out = new StringBuilder(part.length());
    part.toLowerCase().codePoints().forEach(cp -> {
      if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '.') {
        out.appendCodePoint(cp);
      } else {
        out.append('-');
      }
    });
    int start = 0;
    int end = out.length();
    while (start < end && isTrimmed(out.charAt(start))) {
      start++;
    }
    while (end > start && isTrimmed(out.charAt(end - 1))) {
      end--;
    }
    return out.substring(start, end);
  }

  private static boolean isTrimmed(char ch) {
    return ch == '-' || ch == '.';
  }

  /** Go slices strings by bytes; keep whole characters so the result stays valid text. */
  private static String truncateBytes(String text, int maxBytes) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= maxBytes) {
      return text;
    }
    int bytesUsed = 0;
    int end = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytesUsed + size > maxBytes) {
        break;
      }
      bytesUsed += size;
      end += Character.charCount(cp);
    }
    return text.substring(0, end);
  }

  private static String trimNonAlphanumeric(String name) {
    int start = 0;
    int end = name.length();
    while (start < end && !Character.isLetterOrDigit(name.codePointAt(start))) {
      start += Character.charCount(name.codePointAt(start));
    }
    while (end > start && !Character.isLetterOrDigit(name.codePointBefore(end))) {
      end -= Character.charCount(name.codePointBefore(end));
    }
    return name.substring(start, end);
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  /** FNV-1a 32-bit of the UTF-8 bytes as 8 lowercase hex digits ({@code oc_hash}). */
  public static String fnv1a32(String text) {
    int hash = 0x811c9dc5;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xff);
      hash *= 0x01000193;
    }
    return String.format("%08x", hash);
  }
}
