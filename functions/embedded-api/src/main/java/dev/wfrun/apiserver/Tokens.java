package dev.wfrun.apiserver;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The bearer tokens the API server accepts, each standing for one {@link Identity}. */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Identity> byToken = new ConcurrentHashMap<>();

  /** A new random token for this identity. */
  public String issue(Identity identity) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    byToken.put(token, identity);
    return token;
  }

  /** Accepts a chosen token for this identity (tests that need a fixed value). */
  public void register(String token, Identity identity) {
    byToken.put(token, identity);
  }

  public Optional<Identity> identify(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(byToken.get(token));
  }

  /** Tokens stop working, as a deleted ServiceAccount's do. */
  public void revoke(String token) {
    byToken.remove(token);
  }
}
