package dev.wfrun.core.naming;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a name is one the Kubernetes API accepts, checked before it is put into a request path
 * (a name from a parameter such as {@code ../../other-ns/secretreferences/x} must never reach a URL).
 */
public final class NameRules {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private NameRules() {}

  /** Why {@code name} is not an object name (a DNS-1123 subdomain), if it is not. */
  public static Optional<String> objectNameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.length() > KubernetesNames.NAME_LIMIT) {
      return Optional.of("must be no more than " + KubernetesNames.NAME_LIMIT + " characters");
    }
    if (!SUBDOMAIN.matcher(name).matches()) {
      return Optional.of("must be a lowercase RFC 1123 subdomain (lower case alphanumerics, '-' or '.', "
          + "starting and ending with an alphanumeric)");
    }
    return Optional.empty();
  }

  /** Why {@code name} is not a namespace name (a DNS-1123 label), if it is not. */
  public static Optional<String> namespaceProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.length() > KubernetesNames.LABEL_LIMIT) {
      return Optional.of("must be no more than " + KubernetesNames.LABEL_LIMIT + " characters");
    }
    if (!LABEL.matcher(name).matches()) {
      return Optional.of("must be a lowercase RFC 1123 label (lower case alphanumerics or '-', "
          + "starting and ending with an alphanumeric)");
    }
    return Optional.empty();
  }

  /** Why {@code value} cannot be a label value, if it cannot. */
  public static Optional<String> labelValueProblem(String value) {
    if (value.length() > KubernetesNames.LABEL_LIMIT) {
      return Optional.of("must be no more than " + KubernetesNames.LABEL_LIMIT + " characters");
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      return Optional.of("must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric");
    }
    return Optional.empty();
  }

  /** {@code name} itself, or an {@link InvalidNameException} naming the field and the reason. */
  public static String requireObjectName(String field, String name) {
    objectNameProblem(name).ifPresent(p -> {
      throw new InvalidNameException(field + ": \"" + shown(name) + "\" is not a valid Kubernetes name: " + p);
    });
    return name;
  }

  public static String requireNamespace(String field, String name) {
    namespaceProblem(name).ifPresent(p -> {
      throw new InvalidNameException(field + ": \"" + shown(name) + "\" is not a valid namespace name: " + p);
    });
    return name;
  }

  private static String shown(String name) {
    String s = name == null ? "" : name.length() > 100 ? name.substring(0, 100) + "..." : name;
    return s.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
