package dev.wfrun.core.webhook.gitea;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.commitstatus.CommitStatus;
import dev.wfrun.core.commitstatus.CommitStatusClient;
import dev.wfrun.core.commitstatus.StatusPosts;
import dev.wfrun.core.webhook.RepositoryUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Gitea and Forgejo commit statuses: {@code POST {api}/repos/{owner}/{repo}/statuses/{sha}} with
 * {@code Authorization: token ...} and a JSON body (state pending, success, failure or error). The owner
 * and repository are the last two segments of the repository URL's path (Gitea may live under a path).
 */
final class GiteaCommitStatusClient implements CommitStatusClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String apiBase;
  private final String token;

  /** @param apiBase e.g. {@code https://git.example.com/api/v1} */
  GiteaCommitStatusClient(String apiBase, String token) {
    this.apiBase = apiBase.replaceAll("/+$", "");
    this.token = token;
  }

  @Override
  public void set(String repositoryUrl, String commit, CommitStatus status) throws IOException {
    String[] segments = URI.create(RepositoryUrls.normalize(repositoryUrl)).getPath().replaceFirst("^/", "").split("/");
    if (segments.length < 2 || !commit.matches("[0-9a-f]{7,64}")
        || !segments[segments.length - 2].matches("[a-z0-9_][a-z0-9_.-]*")
        || !segments[segments.length - 1].matches("[a-z0-9_][a-z0-9_.-]*")) {
      throw new IOException("not a Gitea repository and commit: " + repositoryUrl + " " + commit);
    }
    String repository = segments[segments.length - 2] + "/" + segments[segments.length - 1];
    ObjectNode body = JSON.createObjectNode().put("state", status.state()).put("context", status.context())
        .put("description", status.description());
    if (status.targetUrl() != null) {
      body.put("target_url", status.targetUrl());
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase + "/repos/" + repository + "/statuses/" + commit))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "token " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
    StatusPosts.send(request, "Gitea");
  }
}
