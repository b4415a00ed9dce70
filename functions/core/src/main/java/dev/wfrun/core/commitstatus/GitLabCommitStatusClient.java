package dev.wfrun.core.commitstatus;

import dev.wfrun.core.webhook.RepositoryUrls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** GitLab commit statuses through its REST API ({@code POST /projects/:id/statuses/:sha}). */
public final class GitLabCommitStatusClient implements CommitStatusClient {
  private final String apiBase;
  private final String token;

  /** @param apiBase e.g. {@code https://gitlab.com/api/v4} */
  public GitLabCommitStatusClient(String apiBase, String token) {
    this.apiBase = apiBase.replaceAll("/+$", "");
    this.token = token;
  }

  @Override
  public void set(String repositoryUrl, String commit, CommitStatus status) throws IOException {
    String project = URI.create(RepositoryUrls.normalize(repositoryUrl)).getPath().replaceFirst("^/", "");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("state", status.state().equals("failure") ? "failed" : status.state());
    form.put("name", status.context());
    form.put("description", status.description());
    if (status.targetUrl() != null) {
      form.put("target_url", status.targetUrl());
    }
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase + "/projects/"
            + URLEncoder.encode(project, StandardCharsets.UTF_8) + "/statuses/" + commit))
        .timeout(Duration.ofSeconds(10))
        .header("PRIVATE-TOKEN", token)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    StatusPosts.send(request, "GitLab");
  }
}
