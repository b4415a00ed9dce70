package dev.wfrun.core.commitstatus;

import dev.wfrun.core.webhook.GitProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The commit-status clients configured for this installation: GitHub and GitLab, each only when a
 * token is set. Bitbucket has none (its build-status API is not supported yet).
 *
 * @param gitHubApi e.g. {@code https://api.github.com}, or a GitHub Enterprise {@code https://host/api/v3}
 * @param gitLabApi e.g. {@code https://gitlab.com/api/v4}
 */
public record CommitStatusClients(String gitHubApi, Optional<String> gitHubToken, String gitLabApi,
    Optional<String> gitLabToken) implements Function<GitProvider, Optional<CommitStatusClient>> {

  public CommitStatusClients {
    gitHubToken = gitHubToken.filter(t -> !t.isBlank());
    gitLabToken = gitLabToken.filter(t -> !t.isBlank());
  }

  @Override
  public Optional<CommitStatusClient> apply(GitProvider provider) {
    return switch (provider) {
      case GITHUB -> gitHubToken.map(this::gitHub);
      case GITLAB -> gitLabToken.map(token -> new GitLabCommitStatusClient(gitLabApi, token));
      default -> Optional.empty();
    };
  }

  private CommitStatusClient gitHub(String token) {
    try {
      return new GitHubCommitStatusClient(gitHubApi, token);
    } catch (IOException e) {
      throw new UncheckedIOException("GitHub client for " + gitHubApi + " could not be built: " + e.getMessage(), e);
    }
  }
}
