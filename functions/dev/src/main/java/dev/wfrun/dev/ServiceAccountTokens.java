package dev.wfrun.dev;

import dev.wfrun.dev.api.EmbeddedApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The token files of the functions' ServiceAccounts (one file each, named after it), so the one
 * functions process talks to the embedded API as each function's own ServiceAccount, as the
 * separate Knative Services do on a cluster.
 */
final class ServiceAccountTokens {
  private ServiceAccountTokens() {}

  /** @param accounts the functions' ServiceAccounts, as knative/'s Services name them */
  static Path write(Path dir, EmbeddedApiServer api, List<String> accounts) throws IOException {
    Files.createDirectories(dir);
    for (String account : accounts) {
      Files.writeString(dir.resolve(account), api.tokenFor(account));
    }
    return dir;
  }
}
