package dev.wfrun.core.template;

import java.math.BigDecimal;

/**
 * Go's number formatting for doubles. {@code %g} ({@code strconv.FormatFloat(f, 'g', -1, 64)})
 * prints the shortest round-trip digits, in exponent form iff the decimal exponent is below -4 or
 * at least 6: {@code 1000000 -> "1e+06"}, {@code 8080 -> "8080"}, {@code 3.14 -> "3.14"}. This is
 * how upstream interpolates numbers into strings and how CEL's {@code string(double)} prints.
 */
public final class GoFormat {
  private GoFormat() {}

  /** Go {@code %g} with shortest precision. */
  public static String g(double value) {
    return format(value, 6);
  }

  /**
   * Go {@code encoding/json} float formatting: plain decimal, exponent form only below 1e-6 or
   * from 1e21.
   */
  public static String json(double value) {
    double abs = Math.abs(value);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      return format(value, 21).replace("e-0", "e-");
    }
    return plain(value);
  }

  private static String format(double value, int exponentLimit) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    // Double.toString gives the shortest digits that round-trip; BigDecimal extracts them.
    BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= exponentLimit) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exp = String.format("%02d", Math.abs(exponent));
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
    return sign + shortest.abs().toPlainString();
  }

  private static String plain(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e18) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
