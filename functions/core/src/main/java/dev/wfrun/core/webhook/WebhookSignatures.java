package dev.wfrun.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a delivery before anything is parsed: GitHub's {@code X-Hub-Signature-256} and
 * Bitbucket's {@code X-Hub-Signature} ({@code sha256=} + hex HMAC-SHA256 of the raw body), and
 * GitLab's {@code X-Gitlab-Token} (the secret itself). Comparisons are constant-time; any of
 * several secrets may match, so a secret can be rotated without dropping deliveries.
 */
public final class WebhookSignatures {
  private static final String PREFIX = "sha256=";

  private WebhookSignatures() {}

  /** The header that carries the provider's signature or token. */
  public static String header(GitProvider provider) {
    return switch (provider) {
      case GITHUB -> "X-Hub-Signature-256";
      case BITBUCKET -> "X-Hub-Signature";
      case GITLAB -> "X-Gitlab-Token";
    };
  }

  public static boolean verify(GitProvider provider, WebhookHeaders headers, byte[] rawBody, List<String> secrets) {
    return switch (provider) {
      case GITHUB, BITBUCKET -> verifyHmac(rawBody, headers.get(header(provider)), secrets);
      case GITLAB -> verifyToken(headers.get(header(provider)), secrets);
    };
  }

  static boolean verifyHmac(byte[] body, String signature, List<String> secrets) {
    if (!signature.startsWith(PREFIX) || signature.length() == PREFIX.length()) {
      return false;
    }
    byte[] given = signature.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII);
    boolean matched = false;
    for (String secret : secrets) {
      if (secret == null || secret.isEmpty()) {
        continue;
      }
      byte[] expected = hmacHex(secret, body).getBytes(StandardCharsets.US_ASCII);
      matched |= MessageDigest.isEqual(expected, given); // no early exit: constant time over all secrets
    }
    return matched;
  }

  static boolean verifyToken(String token, List<String> secrets) {
    if (token.isEmpty()) {
      return false;
    }
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    boolean matched = false;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        matched |= MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), given);
      }
    }
    return matched;
  }

  /** Lowercase hex HMAC-SHA256 of {@code body} with {@code secret}: what a provider sends. */
  public static String hmacHex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
    }
  }
}
