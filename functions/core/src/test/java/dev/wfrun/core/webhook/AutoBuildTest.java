package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.testing.Repo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Auto-build beyond upstream: what must not build, redelivery, whole-repository app paths. */
class AutoBuildTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "gh-secret";

  private final Component component = Fixtures.as(Repo.sample("component/component-greeter-service.yaml").node(),
      Component.class);
  private final ResolvedWorkflow docker = ResolvedWorkflow.of(
      Fixtures.as(Repo.sample("docker-build/workflow-docker.yaml").node(), Workflow.class));
  private final AutoBuild autoBuild = autoBuildOf(component);

  private AutoBuild autoBuildOf(Component built) {
    return new AutoBuild(p -> List.of("old-secret", SECRET), dev.wfrun.core.testing.FixedLookups.of(built, "docker",
        docker), Set.of("gitops-bot"));
  }

  private AutoBuildResult push(String event, String delivery, Map<String, Object> payload) throws Exception {
    byte[] body = JSON.writeValueAsBytes(payload);
    return autoBuild.handle(GitProviders.GITHUB, new WebhookHeaders(Map.of(
        "X-GitHub-Event", event, "X-GitHub-Delivery", delivery,
        "X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(SECRET, body))), body);
  }

  private static Map<String, Object> payload(String ref, String after, String message, String pusher, String path) {
    return Map.of(
        "ref", ref, "after", after,
        "repository", Map.of("clone_url", "https://github.com/openchoreo/sample-workloads.git"),
        "head_commit", Map.of("message", message),
        "pusher", Map.of("name", pusher),
        "commits", List.of(Map.of("added", List.of(), "modified", List.of(path), "removed", List.of())));
  }

  private static final String COMMIT = "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6";

  @Test
  void aPushToTheAppPathBuildsTheComponentWithTheCommitAndProvenance() throws Exception {
    AutoBuildResult result = push("push", "delivery-1",
        payload("refs/heads/main", COMMIT, "fix greeting", "dev", "service-go-greeter/main.go"));
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.body()).isEqualTo("{\"affectedComponents\":[\"default/greeter-service\"],"
        + "\"message\":\"Webhook processed successfully\",\"success\":true,\"triggeredBuilds\":1}\n");
    WorkflowRun run = result.runs().get(0);
    assertThat(run.getMetadata().getName()).matches("greeter-service-run-[0-9a-f]{8}");
    assertThat(run.getSpec().workflow().parameters().at("/repository/revision/commit").asText()).isEqualTo(COMMIT);
    assertThat(run.getMetadata().getAnnotations()).containsEntry(RunRequests.ANNOTATION_COMMIT, COMMIT)
        .containsEntry(RunRequests.ANNOTATION_DELIVERY, "delivery-1")
        .containsEntry(RunRequests.ANNOTATION_PROVIDER, "github");
    assertThat(result.pathsUnverified()).as("GitHub lists every changed file").isFalse();
  }

  @Test
  void aBitbucketPushBuildsAndSaysItsPathsAreUnverified() throws Exception {
    byte[] body = JSON.writeValueAsBytes(Map.of(
        "repository", Map.of("links", Map.of("html", Map.of("href", "https://bitbucket.org/openchoreo/sample-workloads"))),
        "actor", Map.of("nickname", "dev"),
        "push", Map.of("changes", List.of(Map.of("new", Map.of("type", "branch", "name", "main",
            "target", Map.of("hash", COMMIT, "message", "change")))))));
    Component onBitbucket = Fixtures.as(Repo.sample("component/component-greeter-service.yaml").node(), Component.class);
    ((com.fasterxml.jackson.databind.node.ObjectNode) onBitbucket.getSpec().workflow().parameters().path("repository"))
        .put("url", "https://bitbucket.org/openchoreo/sample-workloads");
    AutoBuildResult result = autoBuildOf(onBitbucket).handle(GitProviders.BITBUCKET, new WebhookHeaders(Map.of(
        "X-Event-Key", "repo:push", "X-Request-UUID", "b-1",
        "X-Hub-Signature", "sha256=" + WebhookSignatures.hmacHex(SECRET, body))), body);
    assertThat(result.runs()).as(result.body()).hasSize(1);
    assertThat(result.pathsUnverified()).as("Bitbucket sends no file lists").isTrue();
  }

  @Test
  void aRedeliveredWebhookNamesTheSameRunAndANewDeliveryANewOne() throws Exception {
    var p = payload("refs/heads/main", COMMIT, "fix", "dev", "service-go-greeter/main.go");
    String first = push("push", "delivery-1", p).runs().get(0).getMetadata().getName();
    assertThat(push("push", "delivery-1", p).runs().get(0).getMetadata().getName()).isEqualTo(first);
    assertThat(push("push", "delivery-2", p).runs().get(0).getMetadata().getName()).isNotEqualTo(first);
  }

  @Test
  void pingsTagsAndBranchDeletionsAreAcknowledgedAndBuildNothing() throws Exception {
    AutoBuildResult ping = push("ping", "d", Map.of("zen", "Keep it simple", "hook_id", 1));
    assertThat(ping.status()).isEqualTo(200);
    assertThat(ping.runs()).isEmpty();
    assertThat(ping.body()).contains("\"ignored\":\"ping\"");
    assertThat(push("push", "d", payload("refs/tags/v1", COMMIT, "", "dev", "x")).body()).contains("\"ignored\":\"tag push\"");
    assertThat(push("push", "d", payload("refs/heads/main", "0".repeat(40), "", "dev", "x")).body())
        .contains("\"ignored\":\"branch deleted\"");
  }

  @Test
  void skipCiCommitsAndBotPushesBuildNothing() throws Exception {
    assertThat(push("push", "d", payload("refs/heads/main", COMMIT, "bump image [skip ci]", "dev",
        "service-go-greeter/a")).runs()).isEmpty();
    AutoBuildResult bot = push("push", "d", payload("refs/heads/main", COMMIT, "bump image", "gitops-bot",
        "service-go-greeter/a"));
    assertThat(bot.runs()).isEmpty();
    assertThat(bot.body()).contains("pushed by gitops-bot");
  }

  @Test
  void aPushOutsideTheAppPathOrToAnotherBranchBuildsNothing() throws Exception {
    assertThat(push("push", "d", payload("refs/heads/main", COMMIT, "docs", "dev", "README.md")).runs()).isEmpty();
    assertThat(push("push", "d", payload("refs/heads/feature", COMMIT, "x", "dev", "service-go-greeter/a")).runs())
        .isEmpty();
  }

  @Test
  void aBadSignatureIsUnauthorizedAndTheOldSecretStillWorks() throws Exception {
    byte[] body = JSON.writeValueAsBytes(payload("refs/heads/main", COMMIT, "x", "dev", "service-go-greeter/a"));
    assertThat(autoBuild.handle(null, new WebhookHeaders(Map.of("X-Hub-Signature-256", "sha256=00")), body).status())
        .isEqualTo(401);
    assertThat(autoBuild.handle(null, new WebhookHeaders(Map.of("X-GitHub-Event", "push",
        "X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex("old-secret", body))), body).runs()).hasSize(1);
    assertThat(new String(body, StandardCharsets.UTF_8)).isNotEmpty();
  }
}
