package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real payloads of ../shared/fixtures, read as providers send them. */
class PushParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode fixture(String file) throws Exception {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolveSibling("shared").resolve("fixtures").resolve(file);
      if (Files.exists(f)) {
        return JSON.readTree(Files.readAllBytes(f));
      }
    }
    throw new IllegalStateException(file + " not found");
  }

  private static PushEvent github(String event, String file) throws Exception {
    return lastPush(GitProviders.GITHUB,
        new WebhookHeaders(Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", "d-1")), fixture("github/" + file));
  }

  @Test
  void aGitHubBranchPushNamesBranchCommitAndEveryChangedPath() throws Exception {
    PushEvent e = github("push", "push-multi-commit-added-removed.hephaestus.json");
    assertThat(e.kind()).isEqualTo(PushEvent.Kind.BRANCH_PUSH);
    assertThat(e.commit()).hasSize(40);
    assertThat(e.changedPaths()).contains("analytics/churn-tracker.md");
    assertThat(e.pathsComplete()).isTrue();
    assertThat(e.deliveryId()).isEqualTo("d-1");
  }

  @Test
  void aGitHubPingIsNotAPush() throws Exception {
    assertThat(github("ping", "ping.octokit.json").kind()).isEqualTo(PushEvent.Kind.PING);
    PushEvent withoutHeader = lastPush(GitProviders.GITHUB, new WebhookHeaders(Map.of()), fixture("github/ping.octokit.json"));
    assertThat(withoutHeader.kind()).isEqualTo(PushEvent.Kind.PING);
  }

  @Test
  void gitHubTagPushesAndBranchDeletionsBuildNothing() throws Exception {
    assertThat(github("push", "push-tag-create.ghes-35.octokit.json").kind()).isEqualTo(PushEvent.Kind.TAG_PUSH);
    assertThat(github("push", "push-tag-delete.octokit.json").kind()).isEqualTo(PushEvent.Kind.TAG_PUSH);
    assertThat(github("push", "push-branch-delete.go-scm.json").kind()).isEqualTo(PushEvent.Kind.BRANCH_DELETE);
  }

  @Test
  void gitLabListsAtMostTwentyCommitsSoItsPathsMayBeIncomplete() throws Exception {
    PushEvent e = lastPush(GitProviders.GITLAB, new WebhookHeaders(Map.of("X-Gitlab-Event", "Push Hook")),
        fixture("gitlab/push-hook.gitlab-docs.json"));
    assertThat(e.kind()).isEqualTo(PushEvent.Kind.BRANCH_PUSH);
    assertThat(e.branch()).isEqualTo("master");
    assertThat(e.pathsComplete()).as("total_commits_count 4 > 2 listed").isFalse();
    assertThat(e.pusher()).isEqualTo("jsmith");
  }

  @Test
  void gitLabTagPushesAndBranchDeletionsBuildNothing() throws Exception {
    assertThat(lastPush(GitProviders.GITLAB, new WebhookHeaders(Map.of("X-Gitlab-Event", "Tag Push Hook")),
        fixture("gitlab/tag-push-hook.gitlab-docs.json")).kind()).isEqualTo(PushEvent.Kind.TAG_PUSH);
    assertThat(lastPush(GitProviders.GITLAB, new WebhookHeaders(Map.of("X-Gitlab-Event", "Push Hook")),
        fixture("gitlab/push-hook-branch-delete.go-scm.json")).kind()).isEqualTo(PushEvent.Kind.BRANCH_DELETE);
  }

  @Test
  void aBitbucketPushBuildsThePushedHeadNotTheOldestCommit() throws Exception {
    JsonNode body = fixture("bitbucket/repo-push-branch-create.go-scm.json");
    PushEvent e = lastPush(GitProviders.BITBUCKET, new WebhookHeaders(Map.of("X-Event-Key", "repo:push")), body);
    assertThat(e.kind()).isEqualTo(PushEvent.Kind.BRANCH_PUSH);
    assertThat(e.branch()).isEqualTo("develop");
    assertThat(e.commit()).isEqualTo(body.at("/push/changes/0/new/target/hash").asText())
        .isNotEqualTo(body.at("/push/changes/0/commits/1/hash").asText());
    assertThat(e.pathsComplete()).as("Bitbucket sends no file lists").isFalse();
  }

  @Test
  void bitbucketTagPushesAndBranchDeletionsBuildNothing() throws Exception {
    WebhookHeaders push = new WebhookHeaders(Map.of("X-Event-Key", "repo:push"));
    assertThat(lastPush(GitProviders.BITBUCKET, push, fixture("bitbucket/repo-push-tag-create.go-scm.json")).kind())
        .isEqualTo(PushEvent.Kind.TAG_PUSH);
    assertThat(lastPush(GitProviders.BITBUCKET, push, fixture("bitbucket/repo-push-branch-delete.go-scm.json")).kind())
        .isEqualTo(PushEvent.Kind.BRANCH_DELETE);
  }

  /** What the provider reads from the delivery; the last of several (a Bitbucket push of several branches). */
  private static PushEvent lastPush(GitProvider provider, WebhookHeaders headers,
      com.fasterxml.jackson.databind.JsonNode body) {
    java.util.List<PushEvent> all = provider.parse(headers, body);
    return all.get(all.size() - 1);
  }
}
