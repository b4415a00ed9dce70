package dev.wfrun.core.ttl;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ttlAfterCompletion}: days, hours, minutes and seconds in that order, each optional, no
 * spaces ({@code 90d}, {@code 1h30m}, {@code 1d12h30m15s}); a day is 24 hours. Empty means "keep
 * forever".
 */
public final class TtlDuration {
  /** The CRD's validation pattern. */
  public static final String PATTERN = "^(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?$";
  private static final Pattern PARTS = Pattern.compile("^(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$");

  /** The longest TTL accepted: 100 years (longer ones overflow the timestamps they are added to). */
  public static final Duration MAX = Duration.ofDays(36_500);

  private TtlDuration() {}

  /**
   * The duration, or empty for a null or empty TTL.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static Optional<Duration> parse(String ttl) {
    if (ttl == null || ttl.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = PARTS.matcher(ttl);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid ttlAfterCompletion \"" + ttl
          + "\": expected days, hours, minutes, seconds in that order, such as 90d, 1h30m or 1d12h30m15s");
    }
    try {
      Duration d = Duration.ZERO
          .plusDays(part(m.group(1)))
          .plusHours(part(m.group(2)))
          .plusMinutes(part(m.group(3)))
          .plusSeconds(part(m.group(4)));
      if (d.compareTo(MAX) > 0) {
        throw new ArithmeticException("over the maximum");
      }
      return Optional.of(d);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("invalid ttlAfterCompletion \"" + ttl + "\": too large (at most "
          + MAX.toDays() + "d)");
    }
  }

  private static long part(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
