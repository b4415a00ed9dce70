package dev.wfrun.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kubeconfig {@code wfrun dev} writes: one cluster, context {@code wfrun-dev}, namespace default. */
public final class Kubeconfig {
  private Kubeconfig() {}

  public static String text(String serverUrl) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: wfrun-dev
          cluster:
            server: %s
        users:
        - name: wfrun-dev
          user:
            token: wfrun-dev
        contexts:
        - name: wfrun-dev
          context:
            cluster: wfrun-dev
            user: wfrun-dev
            namespace: default
        current-context: wfrun-dev
        """.formatted(serverUrl);
  }

  public static void write(Path file, String serverUrl) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text(serverUrl));
  }
}
