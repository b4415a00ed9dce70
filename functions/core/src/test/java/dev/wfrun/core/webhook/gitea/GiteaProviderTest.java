package dev.wfrun.core.webhook.gitea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.commitstatus.CommitStatus;
import dev.wfrun.core.commitstatus.CommitStatusClient;
import dev.wfrun.core.commitstatus.CommitStatusClients;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.testing.FixedLookups;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.webhook.AutoBuild;
import dev.wfrun.core.webhook.AutoBuildResult;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.PushEvent;
import dev.wfrun.core.webhook.RunRequests;
import dev.wfrun.core.webhook.WebhookHeaders;
import dev.wfrun.core.webhook.WebhookSignatures;
import dev.wfrun.core.webhook.WebhookSigner;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Gitea and Forgejo push webhooks and commit statuses, with the checks the other providers have:
 * detection, signature, parsing of pushes, tags and deletions, signing, a build from a push, and
 * the commit status sent to their API.
 */
class GiteaProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "gitea-secret";
  private static final String COMMIT = "bffeb74224043ba2feb48d137756c8a9331c449a";

  private static byte[] fixture(String file) throws IOException {
    try (InputStream in = GiteaProviderTest.class.getResourceAsStream("/webhooks/" + file)) {
      return in.readAllBytes();
    }
  }

  private static WebhookHeaders signed(String prefix, byte[] body) {
    return new WebhookHeaders(signedMap(prefix, body));
  }

  private static Map<String, String> signedMap(String prefix, byte[] body) {
    return Map.of(prefix + "Event", "push", prefix + "Delivery", "9a1d-delivery",
        prefix + "Signature", WebhookSignatures.hmacHex(SECRET, body));
  }

  private static PushEvent parse(GitProvider provider, WebhookHeaders headers, byte[] body) throws IOException {
    List<PushEvent> events = provider.parse(headers, JSON.readTree(body));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @Test
  void giteaAndForgejoDeliveriesAreDetectedByTheirOwnEventHeader() throws Exception {
    byte[] body = fixture("gitea/push.json");
    assertThat(GitProviders.detect(signed("X-Gitea-", body))).contains(GitProviders.GITEA);
    assertThat(GitProviders.detect(signed("X-Forgejo-", body))).contains(GitProviders.FORGEJO);
    // Forgejo also sends Gitea's headers, and both send GitHub's signature header: their own event header wins
    Map<String, String> forgejo = new java.util.HashMap<>(signedMap("X-Gitea-", body));
    forgejo.putAll(signedMap("X-Forgejo-", body));
    forgejo.put("X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(SECRET, body));
    assertThat(GitProviders.detect(new WebhookHeaders(forgejo))).contains(GitProviders.FORGEJO);
  }

  @Test
  void aBareHexHmacOfTheBodyVerifiesAndAnythingElseDoesNot() throws Exception {
    byte[] body = fixture("gitea/push.json");
    GitProvider gitea = GitProviders.GITEA;
    assertThat(gitea.verify(signed("X-Gitea-", body), body, List.of("old", SECRET))).isTrue();
    assertThat(gitea.verify(signed("X-Gitea-", body), body, List.of("other"))).isFalse();
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("main", "evil").getBytes(StandardCharsets.UTF_8);
    assertThat(gitea.verify(signed("X-Gitea-", body), tampered, List.of(SECRET))).isFalse();
    assertThat(gitea.verify(new WebhookHeaders(Map.of("X-Gitea-Signature",
        "sha256=" + WebhookSignatures.hmacHex(SECRET, body))), body, List.of(SECRET)))
        .as("GitHub's prefixed form is not Gitea's").isFalse();
    assertThat(gitea.verify(new WebhookHeaders(Map.of()), body, List.of(SECRET))).isFalse();
    assertThat(GitProviders.FORGEJO.verify(signed("X-Gitea-", body), body, List.of(SECRET)))
        .as("Forgejo's signature header is X-Forgejo-Signature").isFalse();
  }

  @Test
  void aBranchPushIsReadWithItsCommitPathsPusherAndDelivery() throws Exception {
    byte[] body = fixture("gitea/push.json");
    PushEvent push = parse(GitProviders.GITEA, signed("X-Gitea-", body), body);
    assertThat(push.kind()).isEqualTo(PushEvent.Kind.BRANCH_PUSH);
    assertThat(push.provider()).isSameAs(GitProviders.GITEA);
    assertThat(push.repositoryUrl()).isEqualTo("https://git.example.com/openchoreo/sample-workloads.git");
    assertThat(push.branch()).isEqualTo("main");
    assertThat(push.commit()).isEqualTo(COMMIT);
    assertThat(push.changedPaths()).containsExactly("service-go-greeter/nl.go", "service-go-greeter/main.go");
    assertThat(push.pathsComplete()).isTrue();
    assertThat(push.headCommitMessage()).isEqualTo("greeter: say hello in Dutch\n");
    assertThat(push.pusher()).isEqualTo("ada");
    assertThat(push.deliveryId()).isEqualTo("9a1d-delivery");
  }

  @Test
  void tagPushesBranchDeletionsAndOtherEventsBuildNothing() throws Exception {
    byte[] tag = fixture("gitea/push-tag-create.json");
    assertThat(parse(GitProviders.GITEA, signed("X-Gitea-", tag), tag).kind()).isEqualTo(PushEvent.Kind.TAG_PUSH);
    byte[] deleted = fixture("gitea/push-branch-delete.json");
    assertThat(parse(GitProviders.GITEA, signed("X-Gitea-", deleted), deleted).kind())
        .isEqualTo(PushEvent.Kind.BRANCH_DELETE);
    byte[] body = fixture("gitea/push.json");
    assertThat(parse(GitProviders.GITEA, new WebhookHeaders(Map.of("X-Gitea-Event", "issues")), body).kind())
        .isEqualTo(PushEvent.Kind.OTHER);
  }

  @Test
  void signedHeadersAreWhatGiteaAndForgejoSend() throws Exception {
    byte[] body = fixture("forgejo/push.json");
    Map<String, String> headers = WebhookSigner.pushHeaders(GitProviders.FORGEJO, SECRET, body, "d-7");
    assertThat(headers).containsEntry("X-Forgejo-Event", "push").containsEntry("X-Forgejo-Delivery", "d-7")
        .containsEntry("X-Forgejo-Signature", WebhookSignatures.hmacHex(SECRET, body));
    PushEvent push = parse(GitProviders.FORGEJO, new WebhookHeaders(headers), body);
    assertThat(push.repositoryUrl()).isEqualTo("https://codeberg.example.org/openchoreo/sample-workloads.git");
    assertThat(push.pusher()).isEqualTo("bo");
  }

  /** The sample auto-build Component, its repository moved to a self-hosted Gitea. */
  private static Component componentAt(String url) {
    ObjectNode node = (ObjectNode) Repo.sample("component/component-greeter-service.yaml").node().deepCopy();
    ((ObjectNode) node.at("/spec/workflow/parameters/repository")).put("url", url);
    return Fixtures.as(node, Component.class);
  }

  private static AutoBuild autoBuildOf(Component component) {
    ResolvedWorkflow docker = ResolvedWorkflow.of(
        Fixtures.as(Repo.sample("docker-build/workflow-docker.yaml").node(), Workflow.class));
    return new AutoBuild(p -> p == GitProviders.GITEA ? List.of(SECRET) : List.of(),
        FixedLookups.of(component, "docker", docker), Set.of());
  }

  @Test
  void aSignedGiteaPushBuildsTheComponentOfThatRepositoryAtThePushedCommit() throws Exception {
    byte[] body = fixture("gitea/push.json");
    AutoBuild autoBuild = autoBuildOf(componentAt("git@git.example.com:openchoreo/sample-workloads.git"));

    AutoBuildResult result = autoBuild.handle(null, signed("X-Gitea-", body), body);

    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.runs()).hasSize(1);
    WorkflowRun run = result.runs().get(0);
    assertThat(run.getSpec().workflow().parameters().at("/repository/revision/commit").asText()).isEqualTo(COMMIT);
    assertThat(run.getMetadata().getAnnotations()).containsEntry(RunRequests.ANNOTATION_PROVIDER, "gitea")
        .containsEntry(RunRequests.ANNOTATION_DELIVERY, "9a1d-delivery");
    assertThat(autoBuild.handle(GitProviders.GITEA, signed("X-Gitea-", body), tamper(body)).status())
        .as("a body that is not the signed one").isEqualTo(401);
  }

  private static byte[] tamper(byte[] body) {
    return new String(body, StandardCharsets.UTF_8).replace("Dutch", "Dutch!").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aGiteaPushNeverBuildsARepositoryHostedOnGitHub() throws Exception {
    byte[] body = new String(fixture("gitea/push.json"), StandardCharsets.UTF_8)
        .replace("git.example.com", "github.com").getBytes(StandardCharsets.UTF_8);
    AutoBuildResult result = autoBuildOf(componentAt("https://github.com/openchoreo/sample-workloads"))
        .handle(GitProviders.GITEA, signed("X-Gitea-", body), body);
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.runs()).as("github.com belongs to GitHub, whatever a Gitea delivery claims").isEmpty();
  }

  @Test
  void theCommitStatusIsPostedToTheConfiguredGiteaApi() throws Exception {
    BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
    HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    api.createContext("/", exchange -> {
      received.add(new String[] {exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Authorization"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
      exchange.sendResponseHeaders(201, -1);
      exchange.close();
    });
    api.start();
    try {
      String base = "http://127.0.0.1:" + api.getAddress().getPort() + "/gitea/api/v1";
      CommitStatusClients clients = new CommitStatusClients(key -> Optional.ofNullable(Map.of(
          "wfrun.commit-status.gitea.api-url", base, "wfrun.commit-status.gitea.token", "t0ken").get(key)));
      CommitStatusClient client = clients.apply(GitProviders.GITEA).orElseThrow();
      assertThat(clients.apply(GitProviders.FORGEJO)).as("no token for Forgejo").isEmpty();

      client.set("https://git.example.com/gitea/OpenChoreo/Sample-Workloads.git", COMMIT,
          new CommitStatus("success", "wfrun/greeter-service-run-1", "Succeeded", "https://console.example/runs/1"));

      String[] request = received.poll(5, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request[0]).isEqualTo("POST /gitea/api/v1/repos/openchoreo/sample-workloads/statuses/" + COMMIT);
      assertThat(request[1]).isEqualTo("token t0ken");
      JsonNode sent = JSON.readTree(request[2]);
      assertThat(sent.path("state").asText()).isEqualTo("success");
      assertThat(sent.path("context").asText()).isEqualTo("wfrun/greeter-service-run-1");
      assertThat(sent.path("target_url").asText()).isEqualTo("https://console.example/runs/1");
      assertThatThrownBy(() -> client.set("https://git.example.com/a/..", COMMIT,
          new CommitStatus("success", "c", "d", null))).isInstanceOf(IOException.class);
    } finally {
      api.stop(0);
    }
  }

  @Test
  void aGiteaTokenWithoutAnApiUrlIsAConfigurationError() {
    assertThatThrownBy(() -> new CommitStatusClients(key -> key.equals("wfrun.commit-status.gitea.token")
        ? Optional.of("t") : Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wfrun.commit-status.gitea.api-url: required");
  }
}
