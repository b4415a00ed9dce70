package dev.wfrun.core.webhook;

import dev.wfrun.api.v1alpha1.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which Components a push builds, as upstream matches them: autoBuild on; the repository URL at
 * the Workflow schema's url marker equals the pushed repository; the provider fits the URL's host;
 * the branch (at the branch marker, else the schema default) equals the pushed branch when set;
 * and the push touches the app path. Where the provider's file list is incomplete the path filter
 * cannot prove "unchanged", so the Component is built. The candidates come from a {@link
 * RepositoryIndex}: only the Components of the pushed repository are looked at.
 */
public final class ComponentMatcher {
  /** A Component to build, with where its Workflow keeps the repository fields. */
  public record Match(Component component, Map<String, String> roles) {}

  private ComponentMatcher() {}

  public static List<Match> match(PushEvent push, RepositoryIndex index) {
    return match(push, index, true);
  }

  /** The auto-build Components of the pushed repository, whatever the branch and paths. */
  public static List<Match> ofRepository(PushEvent push, RepositoryIndex index) {
    return match(push, index, false);
  }

  private static List<Match> match(PushEvent push, RepositoryIndex index, boolean branchAndPaths) {
    List<Match> matches = new ArrayList<>();
    for (RepositoryIndex.Entry entry : index.of(RepositoryUrls.normalize(push.repositoryUrl()))) {
      if (entry.host().isPresent() && entry.host().get() != push.provider()) {
        continue;
      }
      if (branchAndPaths) {
        if (!entry.branch().isEmpty() && !entry.branch().equals(push.branch())) {
          continue;
        }
        boolean affected = !push.pathsComplete() || push.changedPaths().isEmpty()
            || AppPaths.touches(entry.appPath(), push.changedPaths());
        if (!affected) {
          continue;
        }
      }
      matches.add(new Match(entry.component(), entry.roles()));
    }
    return matches;
  }
}
