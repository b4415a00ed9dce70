package dev.wfrun.apiserver;

import java.util.List;

/**
 * Who a request comes from, as a real API server's authenticators name it: a user name and its
 * groups. ServiceAccounts are {@code system:serviceaccount:<namespace>:<name>} in the groups
 * {@code system:serviceaccounts}, {@code system:serviceaccounts:<namespace>} and
 * {@code system:authenticated}; {@code system:masters} passes every authorisation check.
 */
public record Identity(String user, List<String> groups) {
  public static final String MASTERS = "system:masters";
  private static final String SA_PREFIX = "system:serviceaccount:";

  public Identity {
    groups = List.copyOf(groups);
  }

  public static Identity serviceAccount(String namespace, String name) {
    return new Identity(SA_PREFIX + namespace + ":" + name,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated"));
  }

  /** A cluster administrator (kubectl's usual identity). */
  public static Identity admin() {
    return new Identity("kubernetes-admin", List.of(MASTERS, "system:authenticated"));
  }

  public static Identity user(String name, String... groups) {
    List<String> all = new java.util.ArrayList<>(List.of(groups));
    all.add("system:authenticated");
    return new Identity(name, all);
  }

  public boolean isMaster() {
    return groups.contains(MASTERS);
  }

  /** The ServiceAccount's namespace and name, when this is one. */
  public java.util.Optional<String[]> serviceAccount() {
    if (!user.startsWith(SA_PREFIX)) {
      return java.util.Optional.empty();
    }
    String[] parts = user.substring(SA_PREFIX.length()).split(":", 2);
    return parts.length == 2 ? java.util.Optional.of(parts) : java.util.Optional.empty();
  }
}
