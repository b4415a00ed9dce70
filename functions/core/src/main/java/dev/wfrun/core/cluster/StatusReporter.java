package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.commitstatus.CommitStatusClient;
import dev.wfrun.core.commitstatus.RunCommitStatus;
import dev.wfrun.core.webhook.GitProvider;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * report-status: a webhook run's state becomes its commit's status at the git provider (pending
 * when dispatched, success or failure when finished). The state last reported is kept on the run
 * ({@value #REPORTED}), so repeated events report each state once.
 */
public final class StatusReporter {
  public static final String REPORTED = "wfrun.dev/reported-commit-status";

  private final Runs runs;
  private final Function<GitProvider, Optional<CommitStatusClient>> clients;
  private final String targetUrlTemplate;

  public StatusReporter(KubernetesClient control, Function<GitProvider, Optional<CommitStatusClient>> clients,
      String targetUrlTemplate) {
    this.runs = new Runs(control);
    this.clients = clients;
    this.targetUrlTemplate = targetUrlTemplate;
  }

  public StepResult report(RunKey key) {
    WorkflowRun run = runs.get(key);
    if (run == null) {
      return StepResult.nothing("gone");
    }
    Optional<RunCommitStatus> wanted = RunCommitStatus.of(run, targetUrlTemplate);
    if (wanted.isEmpty()) {
      return StepResult.nothing("not a webhook run, or not dispatched yet");
    }
    RunCommitStatus status = wanted.get();
    Map<String, String> annotations = run.getMetadata().getAnnotations();
    if (status.status().state().equals(annotations.get(REPORTED))) {
      return StepResult.nothing("already reported " + status.status().state());
    }
    Optional<CommitStatusClient> client = clients.apply(status.provider());
    if (client.isEmpty()) {
      return StepResult.nothing("no token configured for " + status.provider().id());
    }
    try {
      client.get().set(status.repositoryUrl(), status.commit(), status.status());
    } catch (IOException e) {
      throw new UncheckedIOException("setting the commit status failed: " + e.getMessage(), e);
    }
    runs.update(key, current -> {
      Map<String, String> a = new LinkedHashMap<>(current.getMetadata().getAnnotations());
      a.put(REPORTED, status.status().state());
      current.getMetadata().setAnnotations(a);
      return current;
    });
    return StepResult.done(status.status().state());
  }

}
