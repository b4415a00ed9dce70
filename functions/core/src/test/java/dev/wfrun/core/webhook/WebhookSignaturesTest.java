package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
  private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  /** GitHub's documented test vector. */
  private static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  private static WebhookHeaders headers(String name, String value) {
    return new WebhookHeaders(Map.of(name, value));
  }

  @Test
  void acceptsGitHubsDocumentedSignature() {
    assertThat(GitProviders.GITHUB.verify(headers("X-Hub-Signature-256", SIGNATURE), BODY,
        List.of("It's a Secret to Everybody"))).isTrue();
  }

  @Test
  void rejectsPushWithBadSignature() {
    String bad = SIGNATURE.substring(0, SIGNATURE.length() - 1) + "0";
    assertThat(GitProviders.GITHUB.verify(headers("X-Hub-Signature-256", bad), BODY,
        List.of("It's a Secret to Everybody"))).isFalse();
    assertThat(GitProviders.GITHUB.verify(headers("X-Hub-Signature-256", SIGNATURE.toUpperCase()),
        BODY, List.of("It's a Secret to Everybody"))).as("hex is compared as sent").isFalse();
    assertThat(GitProviders.GITHUB.verify(headers("X-Other", "x"), BODY,
        List.of("It's a Secret to Everybody"))).as("missing header").isFalse();
  }

  @Test
  void eitherOfTwoSecretsVerifiesDuringRotation() {
    assertThat(GitProviders.BITBUCKET.verify(headers("X-Hub-Signature", SIGNATURE), BODY,
        List.of("the new secret", "It's a Secret to Everybody"))).isTrue();
  }

  @Test
  void gitLabSendsTheTokenItself() {
    assertThat(GitProviders.GITLAB.verify(headers("X-Gitlab-Token", "s3cret"), BODY,
        List.of("s3cret"))).isTrue();
    assertThat(GitProviders.GITLAB.verify(headers("X-Gitlab-Token", "s3cre"), BODY,
        List.of("s3cret"))).isFalse();
    assertThat(GitProviders.GITLAB.verify(headers("X-Gitlab-Token", ""), BODY, List.of(""))).isFalse();
  }

  @Test
  void providersAreDetectedAsUpstreamDoes() {
    assertThat(GitProviders.detect(headers("x-hub-signature-256", SIGNATURE))).contains(GitProviders.GITHUB);
    assertThat(GitProviders.detect(headers("X-Gitlab-Token", "t"))).contains(GitProviders.GITLAB);
    assertThat(GitProviders.detect(headers("X-Event-Key", "repo:push"))).contains(GitProviders.BITBUCKET);
    assertThat(GitProviders.detect(headers("X-Hub-Signature-256", ""))).isEmpty();
  }
}
