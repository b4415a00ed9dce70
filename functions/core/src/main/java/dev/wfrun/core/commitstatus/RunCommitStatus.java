package dev.wfrun.core.commitstatus;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.status.RunPhase;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.RunRequests;
import java.util.Map;
import java.util.Optional;

/**
 * The commit status a webhook run should show: pending while dispatched or running, success or
 * failure when finished. Only runs with provenance annotations (created from a push) have one.
 */
public record RunCommitStatus(GitProvider provider, String repositoryUrl, String commit, CommitStatus status) {

  /**
   * @param targetUrlTemplate a URL with {@code {namespace}} and {@code {name}}, or null for none
   */
  public static Optional<RunCommitStatus> of(WorkflowRun run, String targetUrlTemplate) {
    Map<String, String> a = run.getMetadata().getAnnotations();
    if (a == null) {
      return Optional.empty();
    }
    Optional<GitProvider> provider = GitProviders.byId(a.getOrDefault(RunRequests.ANNOTATION_PROVIDER, ""));
    String repository = a.get(RunRequests.ANNOTATION_REPOSITORY);
    String commit = a.get(RunRequests.ANNOTATION_COMMIT);
    if (provider.isEmpty() || repository == null || commit == null || commit.isEmpty() || run.getStatus() == null
        || run.getStatus().runReference() == null && !RunPhase.isCompleted(run.getStatus().conditions())) {
      return Optional.empty();
    }
    RunPhase phase = RunPhase.of(run.getStatus().conditions());
    String state = switch (phase) {
      case Succeeded -> "success";
      case Failed -> "failure";
      default -> "pending";
    };
    String description = switch (phase) {
      case Succeeded -> "Build succeeded";
      case Failed -> "Build failed";
      case Running -> "Build running";
      default -> "Build dispatched";
    };
    String name = run.getMetadata().getName();
    String target = targetUrlTemplate == null || targetUrlTemplate.isBlank()
        ? null
        : targetUrlTemplate.replace("{namespace}", run.getMetadata().getNamespace()).replace("{name}", name);
    return Optional.of(new RunCommitStatus(provider.get(), repository, commit,
        new CommitStatus(state, "wfrun/" + name, description, target)));
  }
}
