package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.core.testing.Repo;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sample payloads are pushes to the sample repository's main branch, signed as the gateway expects. */
class SampleWebhooksTest {
  @ParameterizedTest
  @CsvSource({
    "github, github-push.json, https://github.com/openchoreo/sample-workloads.git",
    "gitlab, gitlab-push.json, https://gitlab.com/openchoreo/sample-workloads.git",
    "bitbucket, bitbucket-push.json, https://bitbucket.org/openchoreo/sample-workloads"})
  void theSamplePushIsABranchPushToMain(String provider, String file, String repository) throws Exception {
    byte[] body = Files.readAllBytes(Repo.samples().resolve("webhooks").resolve(file));
    GitProvider git = GitProviders.byId(provider).orElseThrow();
    Map<String, String> headers = WebhookSigner.pushHeaders(git, "sample-secret", body);

    PushEvent push = lastPush(git, new WebhookHeaders(headers), new ObjectMapper().readTree(body));

    assertThat(push.kind()).isEqualTo(PushEvent.Kind.BRANCH_PUSH);
    assertThat(push.branch()).isEqualTo("main");
    assertThat(push.repositoryUrl()).isEqualTo(repository);
    assertThat(push.commit()).isEqualTo("7f3c9a1e5b2d4c6f8a0b1c2d3e4f5a6b7c8d9e0f");
    if (git != GitProviders.BITBUCKET) { // Bitbucket sends no file lists
      assertThat(push.changedPaths()).containsExactly("service-go-greeter/main.go");
    }
    assertThat(git.verify(new WebhookHeaders(headers), body, java.util.List.of("sample-secret")))
        .isTrue();
  }

  /** What the provider reads from the delivery; the last of several (a Bitbucket push of several branches). */
  private static PushEvent lastPush(GitProvider provider, WebhookHeaders headers,
      com.fasterxml.jackson.databind.JsonNode body) {
    java.util.List<PushEvent> all = provider.parse(headers, body);
    return all.get(all.size() - 1);
  }
}
