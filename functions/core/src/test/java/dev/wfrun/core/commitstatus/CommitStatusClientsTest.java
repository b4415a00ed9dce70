package dev.wfrun.core.commitstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.webhook.GitProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommitStatusClientsTest {
  private final CommitStatusClients configured = new CommitStatusClients("https://ghe.example/api/v3",
      Optional.of("gh"), "https://gitlab.example/api/v4", Optional.of("gl"));

  @Test
  void eachProviderWithATokenHasItsClient() {
    assertThat(configured.apply(GitProvider.GITHUB)).get().isInstanceOf(GitHubCommitStatusClient.class);
    assertThat(configured.apply(GitProvider.GITLAB)).get().isInstanceOf(GitLabCommitStatusClient.class);
  }

  @Test
  void bitbucketHasNoClient() {
    assertThat(configured.apply(GitProvider.BITBUCKET)).isEmpty();
  }

  @Test
  void aBlankTokenMeansNoClient() {
    CommitStatusClients none = new CommitStatusClients("https://api.github.com", Optional.of(""),
        "https://gitlab.com/api/v4", Optional.empty());
    assertThat(none.apply(GitProvider.GITHUB)).isEmpty();
    assertThat(none.apply(GitProvider.GITLAB)).isEmpty();
  }
}
