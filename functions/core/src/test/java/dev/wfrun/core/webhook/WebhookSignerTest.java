package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

  static List<GitProvider> providers() {
    return GitProviders.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void signedHeadersVerifyAndNameTheProvider(GitProvider provider) {
    Map<String, String> headers = WebhookSigner.pushHeaders(provider, "s3cret", BODY);
    WebhookHeaders received = new WebhookHeaders(headers);

    assertThat(GitProviders.detect(received)).contains(provider);
    assertThat(provider.verify(received, BODY, List.of("s3cret"))).isTrue();
    assertThat(provider.verify(received, BODY, List.of("other"))).isFalse();
  }

  @Test
  void githubSignatureIsTheHmacOfTheBody() {
    assertThat(WebhookSigner.pushHeaders(GitProviders.GITHUB, "s3cret", BODY, "d1"))
        .containsEntry("X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex("s3cret", BODY))
        .containsEntry("X-GitHub-Delivery", "d1");
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThatThrownBy(() -> WebhookSigner.pushHeaders(GitProviders.GITHUB, "", BODY))
        .hasMessage("--secret: required, must not be empty");
  }
}
