package dev.wfrun.core.commitstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommitStatusClientsTest {
  private final CommitStatusClients configured = new CommitStatusClients("https://ghe.example/api/v3",
      Optional.of("gh"), "https://gitlab.example/api/v4", Optional.of("gl"));

  @Test
  void eachProviderWithATokenHasItsClient() {
    assertThat(configured.apply(GitProviders.GITHUB)).get().isInstanceOf(GitHubCommitStatusClient.class);
    assertThat(configured.apply(GitProviders.GITLAB)).get().isInstanceOf(GitLabCommitStatusClient.class);
  }

  @Test
  void bitbucketHasNoClient() {
    assertThat(configured.apply(GitProviders.BITBUCKET)).isEmpty();
  }

  @Test
  void aBlankTokenMeansNoClient() {
    CommitStatusClients none = new CommitStatusClients("https://api.github.com", Optional.of(""),
        "https://gitlab.com/api/v4", Optional.empty());
    assertThat(none.apply(GitProviders.GITHUB)).isEmpty();
    assertThat(none.apply(GitProviders.GITLAB)).isEmpty();
  }
}
