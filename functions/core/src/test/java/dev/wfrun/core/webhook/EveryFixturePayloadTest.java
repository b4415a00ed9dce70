package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every payload in ../shared/fixtures, signed as its provider signs it and sent through the whole
 * auto-build: always answered 200; pings, tags and deletions start nothing; a branch push is read
 * with its 40-hex head commit and branch.
 */
class EveryFixturePayloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "fixture-secret";
  private static final AutoBuild AUTO_BUILD = new AutoBuild(p -> List.of(SECRET), dev.wfrun.core.testing.FixedLookups.none(),
      java.util.Set.of());

  static Stream<Path> fixtures() throws IOException {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path dir = p.resolveSibling("shared").resolve("fixtures");
      if (Files.isDirectory(dir.resolve("github"))) {
        List<Path> all = new java.util.ArrayList<>();
        for (String provider : List.of("github", "gitlab", "bitbucket")) {
          try (Stream<Path> files = Files.list(dir.resolve(provider))) {
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(all::add);
          }
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(15);
        return all.stream();
      }
    }
    throw new IllegalStateException("../shared/fixtures not found");
  }

  private static WebhookHeaders headers(GitProvider provider, String file, JsonNode body, byte[] raw) {
    return new WebhookHeaders(switch (provider.id()) {
      case "github" -> Map.of("X-GitHub-Event", file.startsWith("ping") ? "ping" : "push", "X-GitHub-Delivery", "d-1",
          "X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(SECRET, raw));
      case "gitlab" -> Map.of("X-Gitlab-Event", body.path("object_kind").asText().equals("tag_push") ? "Tag Push Hook" : "Push Hook",
          "X-Gitlab-Token", SECRET);
      case "bitbucket" -> Map.of("X-Event-Key", "repo:push", "X-Request-UUID", "b-1",
          "X-Hub-Signature", "sha256=" + WebhookSignatures.hmacHex(SECRET, raw));
      default -> throw new IllegalArgumentException("no fixtures of " + provider.id() + " in ../shared/fixtures");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyFixtureIsReadAsItsProviderMeansIt(Path fixture) throws Exception {
    GitProvider provider = GitProviders.byId(fixture.getParent().getFileName().toString()).orElseThrow();
    String file = fixture.getFileName().toString();
    byte[] raw = Files.readAllBytes(fixture);
    JsonNode body = JSON.readTree(raw);
    WebhookHeaders headers = headers(provider, file, body, raw);

    AutoBuildResult result = AUTO_BUILD.handle(provider, headers, raw);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.runs()).isEmpty();

    PushEvent push = lastPush(provider, headers, body);
    boolean tag = file.contains("tag");
    boolean delete = file.contains("delete");
    if (file.startsWith("ping")) {
      assertThat(push.kind()).isEqualTo(PushEvent.Kind.PING);
    } else if (tag) {
      assertThat(push.kind()).isEqualTo(PushEvent.Kind.TAG_PUSH);
      assertThat(result.body()).contains("\"ignored\"");
    } else if (delete) {
      assertThat(push.kind()).isEqualTo(PushEvent.Kind.BRANCH_DELETE);
      assertThat(result.body()).contains("\"ignored\"");
    } else {
      assertThat(push.kind()).isEqualTo(PushEvent.Kind.BRANCH_PUSH);
      assertThat(push.commit()).matches("[0-9a-f]{40}");
      assertThat(push.branch()).isNotEmpty().doesNotStartWith("refs/");
      assertThat(RepositoryUrls.normalize(push.repositoryUrl())).startsWith("https://");
      assertThat(result.body()).contains("\"triggeredBuilds\":0");
    }
  }

  /** What the provider reads from the delivery; the last of several (a Bitbucket push of several branches). */
  private static PushEvent lastPush(GitProvider provider, WebhookHeaders headers,
      com.fasterxml.jackson.databind.JsonNode body) {
    java.util.List<PushEvent> all = provider.parse(headers, body);
    return all.get(all.size() - 1);
  }
}
