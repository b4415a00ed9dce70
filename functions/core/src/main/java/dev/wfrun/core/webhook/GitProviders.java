package dev.wfrun.core.webhook;

import dev.wfrun.core.webhook.bitbucket.BitbucketProvider;
import dev.wfrun.core.webhook.gitea.GiteaProvider;
import dev.wfrun.core.webhook.github.GitHubProvider;
import dev.wfrun.core.webhook.gitlab.GitLabProvider;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of git providers, in detection order: a provider's own event header wins over the
 * GitHub-compatible ones a fork also sends (Forgejo sends {@code X-Gitea-*}, Gitea and Forgejo send
 * {@code X-Hub-Signature-256}), then upstream's order: GitHub, GitLab, Bitbucket. A new provider is one
 * package and one line here.
 */
public final class GitProviders {
  public static final GitProvider GITHUB = new GitHubProvider();
  public static final GitProvider GITLAB = new GitLabProvider();
  public static final GitProvider BITBUCKET = new BitbucketProvider();
  public static final GitProvider FORGEJO = GiteaProvider.forgejo();
  public static final GitProvider GITEA = GiteaProvider.gitea();

  private static final List<GitProvider> DETECTION_ORDER = List.of(FORGEJO, GITEA, GITHUB, GITLAB, BITBUCKET);
  private static final List<GitProvider> ALL = List.of(GITHUB, GITLAB, BITBUCKET, GITEA, FORGEJO);
  private static final String IDS = ALL.stream().map(GitProvider::id).collect(Collectors.joining(", "));

  private GitProviders() {}

  /** Every provider, in the order the docs list them. */
  public static List<GitProvider> all() {
    return ALL;
  }

  /** The ids, as a user reads them: {@code github, gitlab, bitbucket, gitea, forgejo}. */
  public static String ids() {
    return IDS;
  }

  public static Optional<GitProvider> byId(String id) {
    return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The provider a delivery's headers name, first match in detection order. */
  public static Optional<GitProvider> detect(WebhookHeaders headers) {
    return DETECTION_ORDER.stream().filter(p -> p.detects(headers)).findFirst();
  }

  /** The provider a repository URL's host belongs to (github.com, gitlab.com, bitbucket.org and subdomains). */
  public static Optional<GitProvider> ofRepository(String url) {
    String host;
    try {
      host = URI.create(RepositoryUrls.normalize(url)).getHost();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (host == null) {
      return Optional.empty();
    }
    return ALL.stream().filter(p -> p.hosts(host)).findFirst();
  }

  /** Whether {@code host} is {@code domain} or one of its subdomains. */
  public static boolean isOrUnder(String host, String domain) {
    return host.equals(domain) || host.endsWith("." + domain);
  }
}
