package dev.wfrun.core.webhook;

import java.util.Set;

/**
 * What a webhook delivery says, whatever the provider.
 *
 * @param kind only {@link Kind#BRANCH_PUSH} may start builds
 * @param changedPaths files added, modified or removed across the push's commits
 * @param pathsComplete false when the provider's list may miss files (GitLab lists at most 20
 *     commits, Bitbucket sends none): a path filter then cannot prove "unchanged"
 * @param deliveryId the provider's id of this delivery, kept across redeliveries ("" if none)
 */
public record PushEvent(
    GitProvider provider,
    Kind kind,
    String repositoryUrl,
    String branch,
    String commit,
    Set<String> changedPaths,
    boolean pathsComplete,
    String headCommitMessage,
    String pusher,
    String deliveryId) {

  /** What the delivery is about. */
  public enum Kind {
    /** Commits pushed to a branch: may start builds. */
    BRANCH_PUSH,
    /** The provider checking the hook (GitHub ping). */
    PING,
    /** A tag pushed or deleted. */
    TAG_PUSH,
    /** A branch deleted (after = all zeros). */
    BRANCH_DELETE,
    /** Any other event (pull requests, issues ...). */
    OTHER
  }

  /** A delivery that starts no build (a ping, a tag push, another event): only what it is and where from. */
  public static PushEvent ignored(GitProvider provider, Kind kind, String url, String delivery) {
    return new PushEvent(provider, kind, url, "", "", java.util.Set.of(), true, "", "", delivery);
  }

  /** Why this delivery starts no build, or null when it may. */
  public String ignoredBecause() {
    return switch (kind) {
      case BRANCH_PUSH -> null;
      case PING -> "ping";
      case TAG_PUSH -> "tag push";
      case BRANCH_DELETE -> "branch deleted";
      case OTHER -> "not a push event";
    };
  }
}
