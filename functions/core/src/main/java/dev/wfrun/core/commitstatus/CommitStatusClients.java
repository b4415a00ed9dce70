package dev.wfrun.core.commitstatus;

import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The commit-status clients configured for this installation, built once from the provider registry:
 * for each provider whose {@code wfrun.commit-status.<id>.token} is set, a client at its
 * {@code wfrun.commit-status.<id>.api-url} (GitHub and GitLab have defaults; Gitea and Forgejo must be
 * given one). Bitbucket has none (its build-status API is not supported yet).
 */
public final class CommitStatusClients implements Function<GitProvider, Optional<CommitStatusClient>> {
  private final Map<String, CommitStatusClient> clients = new HashMap<>();

  /** @param settings a configuration lookup ({@code wfrun.commit-status.github.token} → its value) */
  public CommitStatusClients(Function<String, Optional<String>> settings) {
    for (GitProvider provider : GitProviders.all()) {
      String prefix = "wfrun.commit-status." + provider.id() + ".";
      Optional<String> token = settings.apply(prefix + "token").filter(t -> !t.isBlank());
      if (token.isEmpty()) {
        continue;
      }
      Optional<String> api = settings.apply(prefix + "api-url").filter(u -> !u.isBlank()).or(provider::defaultApiUrl);
      if (api.isEmpty()) {
        throw new IllegalArgumentException(prefix + "api-url: required with " + prefix + "token (" + provider.id()
            + " is self-hosted; e.g. https://git.example.com/api/v1)");
      }
      provider.commitStatusClient(api.get(), token.get()).ifPresent(c -> clients.put(provider.id(), c));
    }
  }

  /**
   * GitHub's and GitLab's clients only.
   *
   * @param gitHubApi e.g. {@code https://api.github.com}, or a GitHub Enterprise {@code https://host/api/v3}
   * @param gitLabApi e.g. {@code https://gitlab.com/api/v4}
   */
  public CommitStatusClients(String gitHubApi, Optional<String> gitHubToken, String gitLabApi,
      Optional<String> gitLabToken) {
    this(settings(gitHubApi, gitHubToken, gitLabApi, gitLabToken));
  }

  private static Function<String, Optional<String>> settings(String gitHubApi, Optional<String> gitHubToken,
      String gitLabApi, Optional<String> gitLabToken) {
    Map<String, Optional<String>> values = Map.of(
        "wfrun.commit-status.github.api-url", Optional.of(gitHubApi), "wfrun.commit-status.github.token", gitHubToken,
        "wfrun.commit-status.gitlab.api-url", Optional.of(gitLabApi), "wfrun.commit-status.gitlab.token", gitLabToken);
    return key -> values.getOrDefault(key, Optional.empty());
  }

  @Override
  public Optional<CommitStatusClient> apply(GitProvider provider) {
    return Optional.ofNullable(clients.get(provider.id()));
  }
}
