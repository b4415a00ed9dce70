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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pushes an attacker could send: per-Component secrets, malformed values, repeated headers, huge inputs. */
class HostilePushTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROVIDER_SECRET = "provider-wide";
  private static final String OWN_SECRET = "greeter-own";
  private static final String COMMIT = "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6";

  private final Component component = Fixtures.as(Repo.sample("component/component-greeter-service.yaml").node(),
      Component.class);
  private final ResolvedWorkflow docker = ResolvedWorkflow.of(
      Fixtures.as(Repo.sample("docker-build/workflow-docker.yaml").node(), Workflow.class));

  private AutoBuild autoBuild(Map<String, List<String>> componentSecrets, List<String> providerSecrets) {
    AutoBuild.Secrets secrets = new AutoBuild.Secrets() {
      @Override
      public List<String> of(GitProvider provider) {
        return providerSecrets;
      }

      @Override
      public List<String> ofComponent(String namespace, String name) {
        return componentSecrets.getOrDefault(namespace + "." + name, List.of());
      }

      @Override
      public boolean anyComponentSecrets() {
        return !componentSecrets.isEmpty();
      }
    };
    return new AutoBuild(secrets, Fixtures.lookups(List.of(component), docker), Set.of());
  }

  private static byte[] body(String after, String branch, String url) throws Exception {
    return JSON.writeValueAsBytes(Map.of("ref", "refs/heads/" + branch, "after", after,
        "repository", Map.of("clone_url", url), "head_commit", Map.of("message", "m"),
        "pusher", Map.of("name", "dev"),
        "commits", List.of(Map.of("added", List.of(), "modified", List.of("service-go-greeter/x.go"),
            "removed", List.of()))));
  }

  private static byte[] body(String after) throws Exception {
    return body(after, "main", "https://github.com/openchoreo/sample-workloads.git");
  }

  private static WebhookHeaders signed(String secret, byte[] body) {
    return new WebhookHeaders(Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "d-1",
        "X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(secret, body)));
  }

  @Test
  void aComponentWithItsOwnSecretIsNotBuiltByTheProviderWideKey() throws Exception {
    AutoBuild autoBuild = autoBuild(Map.of("default.greeter-service", List.of(OWN_SECRET)), List.of(PROVIDER_SECRET));
    byte[] body = body(COMMIT);
    AutoBuildResult byProviderKey = autoBuild.handle(GitProviders.GITHUB, signed(PROVIDER_SECRET, body), body);
    assertThat(byProviderKey.runs()).isEmpty();
    AutoBuildResult byOwnKey = autoBuild.handle(GitProviders.GITHUB, signed(OWN_SECRET, body), body);
    assertThat(byOwnKey.status()).isEqualTo(200);
    assertThat(byOwnKey.runs()).extracting(r -> r.getMetadata().getLabels().get("openchoreo.dev/component"))
        .containsExactly("greeter-service");
  }

  @Test
  void anOwnSecretAloneSignsWithoutAProviderWideKey() throws Exception {
    AutoBuild autoBuild = autoBuild(Map.of("default.greeter-service", List.of("rotated-out", OWN_SECRET)), List.of());
    byte[] body = body(COMMIT);
    assertThat(autoBuild.handle(GitProviders.GITHUB, signed(OWN_SECRET, body), body).runs()).hasSize(1);
    assertThat(autoBuild.handle(GitProviders.GITHUB, signed("guess", body), body).status()).isEqualTo(401);
  }

  @Test
  void anUnsignedMalformedBodyIsUnauthorizedNotAParseError() {
    AutoBuild autoBuild = autoBuild(Map.of("default.greeter-service", List.of(OWN_SECRET)), List.of(PROVIDER_SECRET));
    byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);
    assertThat(autoBuild.handle(GitProviders.GITHUB, signed("guess", body), body).status()).isEqualTo(401);
  }

  @Test
  void refusesACommitThatIsNotAHexSha() throws Exception {
    AutoBuild autoBuild = autoBuild(Map.of(), List.of(PROVIDER_SECRET));
    for (String bad : new String[] {"main\"; id; echo \"", "abc", "g".repeat(40), "a".repeat(41)}) {
      byte[] body = body(bad);
      AutoBuildResult result = autoBuild.handle(GitProviders.GITHUB, signed(PROVIDER_SECRET, body), body);
      assertThat(result.status()).as(bad).isEqualTo(400);
      assertThat(result.body()).contains("hex SHA");
      assertThat(result.runs()).isEmpty();
    }
  }

  @Test
  void refusesOverlongBranchesAndUrls() throws Exception {
    AutoBuild autoBuild = autoBuild(Map.of(), List.of(PROVIDER_SECRET));
    byte[] longBranch = body(COMMIT, "b".repeat(300), "https://github.com/openchoreo/sample-workloads.git");
    assertThat(autoBuild.handle(GitProviders.GITHUB, signed(PROVIDER_SECRET, longBranch), longBranch).status())
        .isEqualTo(400);
    byte[] longUrl = body(COMMIT, "main", "https://github.com/" + "/".repeat(1 << 20));
    AutoBuildResult result = autoBuild.handle(GitProviders.GITHUB, signed(PROVIDER_SECRET, longUrl), longUrl);
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body()).contains("repository URL longer than");
  }

  @Test
  void aRepeatedSignatureHeaderIsABadRequest() throws Exception {
    AutoBuild autoBuild = autoBuild(Map.of(), List.of(PROVIDER_SECRET));
    byte[] body = body(COMMIT);
    String signature = "sha256=" + WebhookSignatures.hmacHex(PROVIDER_SECRET, body);
    WebhookHeaders headers = WebhookHeaders.ofAll(Map.of("X-GitHub-Event", List.of("push"),
        "X-Hub-Signature-256", List.of(signature, "sha256=00")));
    AutoBuildResult result = autoBuild.handle(GitProviders.GITHUB, headers, body);
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body()).contains("X-Hub-Signature-256 header sent more than once");
  }

  @Test
  void trailingContentAfterTheJsonIsABadRequest() throws Exception {
    AutoBuild autoBuild = autoBuild(Map.of(), List.of(PROVIDER_SECRET));
    byte[] body = (new String(body(COMMIT), StandardCharsets.UTF_8) + " {\"ref\":\"refs/heads/evil\"}")
        .getBytes(StandardCharsets.UTF_8);
    AutoBuildResult result = autoBuild.handle(GitProviders.GITHUB, signed(PROVIDER_SECRET, body), body);
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.runs()).isEmpty();
  }

  @Test
  void noSecretConfiguredIsServiceUnavailable() throws Exception {
    AutoBuild autoBuild = autoBuild(Map.of(), List.of());
    byte[] body = body(COMMIT);
    AutoBuildResult result = autoBuild.handle(GitProviders.GITHUB, signed(PROVIDER_SECRET, body), body);
    assertThat(result.status()).isEqualTo(503);
    assertThat(result.body()).contains("not configured for github");
  }

  @Test
  void aBitbucketPushOfSeveralBranchesBuildsEachMatchingBranch() throws Exception {
    Component anyBranch = Fixtures.as(Repo.sample("component/component-greeter-service.yaml").node(), Component.class);
    byte[] body = JSON.writeValueAsBytes(Map.of(
        "repository", Map.of("links", Map.of("html", Map.of("href", "https://bitbucket.org/openchoreo/sample-workloads"))),
        "actor", Map.of("nickname", "dev"),
        "push", Map.of("changes", List.of(
            Map.of("new", Map.of("type", "branch", "name", "main", "target", Map.of("hash", COMMIT, "message", "a"))),
            Map.of("new", Map.of("type", "branch", "name", "feature", "target",
                Map.of("hash", "1111111111111111111111111111111111111111", "message", "b")))))));
    List<PushEvent> events = GitProviders.BITBUCKET.parse(new WebhookHeaders(Map.of(
        "X-Event-Key", "repo:push", "X-Request-UUID", "u-1")), JSON.readTree(body));
    assertThat(events).extracting(PushEvent::branch).containsExactly("main", "feature");
    assertThat(events).extracting(PushEvent::commit).containsExactly(COMMIT, "1111111111111111111111111111111111111111");
    assertThat(events).extracting(PushEvent::deliveryId).containsExactly("u-1#main", "u-1#feature");
    assertThat(anyBranch).isNotNull();
  }

  @Test
  void normalisingAHugeUrlOfSlashesIsLinearAndMatchesNothing() {
    String hostile = "https://github.com/openchoreo/sample-workloads" + "/".repeat(1 << 20);
    assertThat(RepositoryUrls.normalize(hostile)).isEmpty();
    String justUnder = "https://github.com/o/r" + "/".repeat(2000);
    assertThat(RepositoryUrls.normalize(justUnder)).isEqualTo("https://github.com/o/r");
  }

  @Test
  void trimmingAppPathsIsLinearAndBoundsPathLength() {
    assertThat(AppPaths.trim("./".repeat(100_000) + "svc/" + "/".repeat(100_000))).isEqualTo("svc");
    assertThat(AppPaths.touches("svc", List.of("svc/" + "x".repeat(AppPaths.MAX_PATH_LENGTH)))).isFalse();
    assertThat(AppPaths.touches("svc", List.of("./svc/main.go"))).isTrue();
  }

  @Test
  void theRateLimiterTracksABoundedNumberOfRepositories() {
    RepositoryRateLimiter limiter = new RepositoryRateLimiter(1, 5, Clock.systemUTC());
    for (int i = 0; i < RepositoryRateLimiter.MAX_BUCKETS * 3; i++) {
      limiter.acquire("https://github.com/o/r" + i);
    }
    assertThat(limiter.tracked()).isLessThanOrEqualTo(RepositoryRateLimiter.MAX_BUCKETS);
  }

  @Test
  void valuesCopiedIntoTheRunStayWithinKubernetesLimits() throws Exception {
    AutoBuild autoBuild = autoBuild(Map.of(), List.of(PROVIDER_SECRET));
    byte[] body = body(COMMIT, "b".repeat(255), "https://github.com/openchoreo/sample-workloads.git");
    AutoBuildResult result = autoBuild.handle(GitProviders.GITHUB, signed(PROVIDER_SECRET, body), body);
    for (WorkflowRun run : result.runs()) {
      run.getMetadata().getLabels().values().forEach(v -> assertThat(v.length()).isLessThanOrEqualTo(63));
      assertThat(run.getMetadata().getAnnotations().values().stream().mapToInt(String::length).sum())
          .isLessThan(256 * 1024);
      assertThat(run.getMetadata().getName().length()).isLessThanOrEqualTo(63);
    }
  }
}
