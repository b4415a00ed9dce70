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
 * The checks providers sign deliveries with, verified before anything is parsed: an HMAC-SHA256 of the
 * raw body as hex (with GitHub's {@code sha256=} prefix or bare), or the secret itself as a token.
 * Comparisons are constant-time; any of several secrets may match, so a secret can be rotated without
 * dropping deliveries. Which check and header a provider uses is the provider's ({@link GitProvider}).
 */
public final class WebhookSignatures {
  private static final String PREFIX = "sha256=";

  private WebhookSignatures() {}

  /** {@code sha256=} + hex HMAC-SHA256 of the body (GitHub, Bitbucket). */
  public static boolean verifyHmac(byte[] body, String signature, List<String> secrets) {
    if (!signature.startsWith(PREFIX) || signature.length() == PREFIX.length()) {
      return false;
    }
    return verifyHexHmac(body, signature.substring(PREFIX.length()), secrets);
  }

  /** The bare lowercase hex HMAC-SHA256 of the body (Gitea, Forgejo). */
  public static boolean verifyHexHmac(byte[] body, String hex, List<String> secrets) {
    if (hex.isEmpty()) {
      return false;
    }
    byte[] given = hex.getBytes(StandardCharsets.US_ASCII);
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

  /** The secret itself as a token (GitLab). */
  public static boolean verifyToken(String token, List<String> secrets) {
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
