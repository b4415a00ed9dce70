package dev.wfrun.functions;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes client each function talks through. On Knative every function is its own
 * Service with its own ServiceAccount (knative/500-services.yaml), so the pod's default client is
 * already that identity. When one process serves every function ({@code wfrun dev}, tests), a token
 * directory ({@code wfrun.kubernetes.service-account-token-dir}) holds one file per ServiceAccount,
 * named after it; each function then talks as its own ServiceAccount, its token re-read from the
 * file when it rotates, and a function can do only what its own RBAC grants.
 */
public final class FunctionIdentities implements AutoCloseable {
  /** Function → its ServiceAccount, as knative/500-services.yaml gives them. */
  public static final Map<String, String> SERVICE_ACCOUNTS = Map.of(
      "render-dispatch", "wfrun-render-dispatch",
      "queue-advance", "wfrun-render-dispatch",
      "status-sync", "wfrun-status-sync",
      "finalize", "wfrun-finalize",
      "ttl-cleanup", "wfrun-ttl-cleanup",
      "resync", "wfrun-resync",
      "component-cleanup", "wfrun-component-cleanup",
      "create-runs", "wfrun-create-runs",
      "report-status", "wfrun-report-status");

  private final KubernetesClient defaultClient;
  private final Optional<Path> tokenDir;
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  public FunctionIdentities(KubernetesClient defaultClient, Optional<Path> tokenDir) {
    this.defaultClient = defaultClient;
    this.tokenDir = tokenDir;
  }

  /** The client of this function (one of {@link #SERVICE_ACCOUNTS}' keys). */
  public KubernetesClient clientOf(String function) {
    String account = SERVICE_ACCOUNTS.get(function);
    if (account == null) {
      throw new IllegalArgumentException("no ServiceAccount for function " + function + "; known: "
          + List.copyOf(SERVICE_ACCOUNTS.keySet()));
    }
    if (tokenDir.isEmpty()) {
      return defaultClient;
    }
    return clients.computeIfAbsent(account, this::clientWithTokenOf);
  }

  private KubernetesClient clientWithTokenOf(String account) {
    Path file = tokenDir.get().resolve(account);
    if (!Files.isReadable(file)) {
      throw new IllegalStateException("wfrun.kubernetes.service-account-token-dir: no token file " + file
          + " for ServiceAccount " + account);
    }
    Config config = new ConfigBuilder(defaultClient.getConfiguration()).withOauthToken(null)
        .withOauthTokenProvider(() -> read(file)).withUsername(null).withPassword(null).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("token file " + file, e);
    }
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
  }
}
