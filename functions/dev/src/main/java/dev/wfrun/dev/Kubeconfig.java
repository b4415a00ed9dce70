package dev.wfrun.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig {@code wfrun dev} writes: one cluster, context {@code wfrun-dev}, namespace default,
 * and the bearer token of one identity (the administrator for kubectl, a ServiceAccount per child).
 */
public final class Kubeconfig {
  private Kubeconfig() {}

  public static String text(String serverUrl, String token) {
    return text(serverUrl, token, null);
  }

  /** @param authorityData the server's certificate ({@code certificate-authority-data}), null over plain HTTP */
  public static String text(String serverUrl, String token, String authorityData) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: wfrun-dev
          cluster:
            server: %s%s
        users:
        - name: wfrun-dev
          user:
            token: %s
        contexts:
        - name: wfrun-dev
          context:
            cluster: wfrun-dev
            user: wfrun-dev
            namespace: default
        current-context: wfrun-dev
        """.formatted(serverUrl, authorityData == null ? ""
            : "\n    certificate-authority-data: " + authorityData, token);
  }

  public static void write(Path file, String serverUrl, String token) throws IOException {
    write(file, serverUrl, token, null);
  }

  public static void write(Path file, String serverUrl, String token, String authorityData) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text(serverUrl, token, authorityData));
  }
}
