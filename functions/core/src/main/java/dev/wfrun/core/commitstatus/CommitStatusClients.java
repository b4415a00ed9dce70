package dev.wfrun.core.commitstatus;

import dev.wfrun.core.webhook.GitProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The commit-status clients configured for this installation, built once: GitHub and GitLab, each
 * only when a token is set. Bitbucket has none (its build-status API is not supported yet).
 */
public final class CommitStatusClients implements Function<GitProvider, Optional<CommitStatusClient>> {
  private final Optional<CommitStatusClient> gitHub;
  private final Optional<CommitStatusClient> gitLab;

  /**
   * @param gitHubApi e.g. {@code https://api.github.com}, or a GitHub Enterprise {@code https://host/api/v3}
   * @param gitLabApi e.g. {@code https://gitlab.com/api/v4}
   */
  public CommitStatusClients(String gitHubApi, Optional<String> gitHubToken, String gitLabApi,
      Optional<String> gitLabToken) {
    this.gitHub = gitHubToken.filter(t -> !t.isBlank()).map(token -> gitHub(gitHubApi, token));
    this.gitLab = gitLabToken.filter(t -> !t.isBlank()).map(token -> new GitLabCommitStatusClient(gitLabApi, token));
  }

  @Override
  public Optional<CommitStatusClient> apply(GitProvider provider) {
    return switch (provider) {
      case GITHUB -> gitHub;
      case GITLAB -> gitLab;
      default -> Optional.empty();
    };
  }

  private static CommitStatusClient gitHub(String api, String token) {
    try {
      return new GitHubCommitStatusClient(api, token);
    } catch (IOException e) {
      throw new UncheckedIOException("GitHub client for " + api + " could not be built: " + e.getMessage(), e);
    }
  }
}
