package dev.wfrun.core.commitstatus;

import dev.wfrun.core.webhook.RepositoryUrls;
import java.io.IOException;
import java.net.URI;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;

/** GitHub commit statuses through {@code org.kohsuke:github-api}; the endpoint is configurable (GHES). */
public final class GitHubCommitStatusClient implements CommitStatusClient {
  private final GitHub github;

  public GitHubCommitStatusClient(String apiEndpoint, String token) throws IOException {
    this.github = new GitHubBuilder().withEndpoint(apiEndpoint).withOAuthToken(token).build();
  }

  @Override
  public void set(String repositoryUrl, String commit, CommitStatus status) throws IOException {
    String path = URI.create(RepositoryUrls.normalize(repositoryUrl)).getPath().replaceFirst("^/", "");
    github.getRepository(path).createCommitStatus(commit, GHCommitState.valueOf(status.state().toUpperCase()),
        status.targetUrl(), status.description(), status.context());
  }
}
