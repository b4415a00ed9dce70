package dev.wfrun.core.commitstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.cluster.RunCreator;
import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.cluster.StatusReporter;
import dev.wfrun.core.cluster.StepResult;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.RecordingGitApi;
import dev.wfrun.core.testing.World;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.PushEvent;
import dev.wfrun.core.webhook.RunRequests;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** report-status sets commit statuses through the real clients, against a local stand-in API. */
class StatusReporterTest {
  private static final String COMMIT = "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6";
  private final World world = new World();

  @AfterEach
  void close() {
    world.close();
  }

  private RunKey webhookRun(GitProvider provider, String repository) {
    Component component = world.control.resources(Component.class).inNamespace("default").withName("greeter-service").get();
    PushEvent push = new PushEvent(provider, PushEvent.Kind.BRANCH_PUSH, repository, "main", COMMIT, Set.of(), true,
        "", "dev", "delivery-7");
    WorkflowRun run = RunRequests.build(component, push, Map.of("commit", "repository.revision.commit"),
        java.time.Instant.parse("2026-12-01T10:00:00Z"));
    new RunCreator(world.as("wfrun-create-runs")).create(run);
    RunKey key = new RunKey("default", run.getMetadata().getName());
    world.dispatch.dispatch(key);
    return key;
  }

  @Test
  void gitHubSeesPendingThenSuccessOnceEach() throws Exception {
    try (RecordingGitApi github = RecordingGitApi.gitHub()) {
      CommitStatusClient client = new GitHubCommitStatusClient(github.url(), "gh-token");
      StatusReporter reporter = new StatusReporter(world.as("wfrun-report-status"),
          p -> p == GitProviders.GITHUB ? Optional.of(client) : Optional.empty(), "https://ci.example/{namespace}/{name}");
      RunKey key = webhookRun(GitProviders.GITHUB, "https://github.com/openchoreo/sample-workloads");

      assertThat(reporter.report(key).kind()).isEqualTo(StepResult.Kind.DONE);
      assertThat(reporter.report(key).kind()).as("the same state is reported once").isEqualTo(StepResult.Kind.NOTHING);
      world.setArgoStatus(key, ArgoProgress.at(key.name(), ArgoProgress.STEPS.size(), World.START));
      world.sync.sync(key);
      assertThat(reporter.report(key).detail()).isEqualTo("success");

      var posts = github.posts();
      assertThat(posts).hasSize(2).allSatisfy(c -> {
        assertThat(c.path()).isEqualTo("/repos/openchoreo/sample-workloads/statuses/" + COMMIT);
        assertThat(c.token()).contains("gh-token");
        assertThat(c.body()).contains("\"context\":\"wfrun/" + key.name() + "\"")
            .contains("\"target_url\":\"https://ci.example/default/" + key.name() + "\"");
      });
      assertThat(posts.get(0).body()).contains("\"state\":\"pending\"");
      assertThat(posts.get(1).body()).contains("\"state\":\"success\"");
    }
  }

  @Test
  void gitLabGetsItsStatusesThroughItsRestApi() throws Exception {
    try (RecordingGitApi gitlab = new RecordingGitApi(call -> "{\"id\":1}")) {
      new GitLabCommitStatusClient(gitlab.url() + "/api/v4", "gl-token").set(
          "git@gitlab.com:group/sub/project.git", COMMIT, new CommitStatus("failure", "wfrun/r1", "Build failed", null));
      RecordingGitApi.Call call = gitlab.calls.get(0);
      assertThat(call.path()).isEqualTo("/api/v4/projects/group%2Fsub%2Fproject/statuses/" + COMMIT);
      assertThat(call.token()).isEqualTo("gl-token");
      assertThat(call.body()).contains("state=failed").contains("name=wfrun%2Fr1");
    }
  }

  @Test
  void runsNotCreatedByAPushReportNothing() throws Exception {
    StatusReporter reporter = new StatusReporter(world.as("wfrun-report-status"), p -> Optional.empty(), null);
    RunKey key = world.createRun("docker-build/workflowrun-simple-run.yaml");
    world.dispatch.dispatch(key);
    assertThat(reporter.report(key).kind()).isEqualTo(StepResult.Kind.NOTHING);
  }

  @Test
  void aProviderWithoutATokenIsSkipped() {
    StatusReporter reporter = new StatusReporter(world.as("wfrun-report-status"),
        new CommitStatusClients("http://127.0.0.1:1", Optional.of(" "), "http://127.0.0.1:1", Optional.empty()), null);
    RunKey key = webhookRun(GitProviders.GITHUB, "https://github.com/openchoreo/sample-workloads");
    StepResult result = reporter.report(key);
    assertThat(result.kind()).isEqualTo(StepResult.Kind.NOTHING);
    assertThat(result.detail()).isEqualTo("no token configured for github");
  }

  @Test
  void aFailedReportIsRetriedBecauseNothingIsRecorded() throws Exception {
    try (RecordingGitApi broken = new RecordingGitApi(call -> { throw new IllegalStateException("down"); })) {
      CommitStatusClient client = new GitLabCommitStatusClient(broken.url(), "gl-token");
      StatusReporter reporter = new StatusReporter(world.as("wfrun-report-status"), p -> Optional.of(client), null);
      RunKey key = webhookRun(GitProviders.GITLAB, "https://gitlab.com/group/project");
      assertThatThrownBy(() -> reporter.report(key)).hasMessageContaining("setting the commit status failed");
      assertThat(world.run(key).getMetadata().getAnnotations()).doesNotContainKey(StatusReporter.REPORTED);
    }
  }
}
