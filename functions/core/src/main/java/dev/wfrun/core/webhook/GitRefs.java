package dev.wfrun.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** What the push payloads of several providers share: git refs and the files each commit lists. */
public final class GitRefs {
  /** The "after" of a push that deleted the branch. */
  public static final String ZEROS = "0000000000000000000000000000000000000000";
  private static final String HEADS = "refs/heads/";
  private static final String TAGS = "refs/tags/";

  private GitRefs() {}

  /** A tag push, a branch deletion, a branch push, or another ref. */
  public static PushEvent.Kind classify(String ref, String after, boolean deleted) {
    if (ref.startsWith(TAGS)) {
      return PushEvent.Kind.TAG_PUSH;
    }
    if (deleted || ZEROS.equals(after)) {
      return PushEvent.Kind.BRANCH_DELETE;
    }
    return ref.startsWith(HEADS) ? PushEvent.Kind.BRANCH_PUSH : PushEvent.Kind.OTHER;
  }

  /** {@code refs/heads/main} is branch {@code main}. */
  public static String branch(String ref) {
    return ref.startsWith(HEADS) ? ref.substring(HEADS.length()) : ref;
  }

  /** The paths a commit of a GitHub-shaped payload added, modified or removed. */
  public static void addPaths(JsonNode commit, Set<String> paths) {
    for (String field : new String[] {"added", "modified", "removed"}) {
      commit.path(field).forEach(p -> paths.add(p.asText()));
    }
  }
}
