package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunSpec;
import dev.wfrun.core.ttl.ExpiryLabel;
import dev.wfrun.core.webhook.RunRequests;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-run: a new WorkflowRun with the original's Workflow, parameters, TTL, labels and git
 * provenance (repository, branch, commit), linked to it by {@value #RERUN_OF} and {@value #RERUN_BY};
 * named {@code <original>-rerun-<5 random>} by the API server ({@code generateName}), so repeated
 * re-runs never collide. Nothing of the original's state is copied: no status, no finalizer, no
 * dispatch claim or plane, no TTL-expiry label.
 */
public final class RunRerun {
  public static final String RERUN_OF = "wfrun.dev/rerun-of";
  public static final String RERUN_BY = "wfrun.dev/rerun-by";
  /** The name part kept: the suffix {@code -rerun-} and 5 generated characters must fit a label value. */
  static final int NAME_PART = dev.wfrun.core.naming.KubernetesNames.LABEL_LIMIT - "-rerun-".length() - 5;
  private static final List<String> PROVENANCE = List.of(RunRequests.ANNOTATION_PROVIDER,
      RunRequests.ANNOTATION_REPOSITORY, RunRequests.ANNOTATION_BRANCH, RunRequests.ANNOTATION_COMMIT);

  private final KubernetesClient control;
  private final Runs runs;

  public RunRerun(KubernetesClient control) {
    this.control = control;
    this.runs = new Runs(control);
  }

  /** @param who the user name the run API authenticated (kept on the new run) */
  public RunOperationResult rerun(RunKey key, String who) {
    WorkflowRun original = runs.get(key);
    if (original == null) {
      return RunOperationResult.notFound(key);
    }
    WorkflowRun created = control.resources(WorkflowRun.class).inNamespace(key.namespace())
        .resource(copyOf(original, who)).create();
    RunKey rerun = Runs.keyOf(created);
    return RunOperationResult.done(rerun, "re-run of " + key + " created as " + rerun);
  }

  static WorkflowRun copyOf(WorkflowRun original, String who) {
    String name = original.getMetadata().getName();
    Map<String, String> labels = new LinkedHashMap<>(
        original.getMetadata().getLabels() == null ? Map.of() : original.getMetadata().getLabels());
    labels.remove(ExpiryLabel.KEY);
    Map<String, String> annotations = new LinkedHashMap<>();
    Map<String, String> from = original.getMetadata().getAnnotations() == null ? Map.of()
        : original.getMetadata().getAnnotations();
    PROVENANCE.forEach(k -> {
      if (from.containsKey(k)) {
        annotations.put(k, from.get(k));
      }
    });
    annotations.put(RERUN_OF, name);
    annotations.put(RERUN_BY, who);
    WorkflowRun run = new WorkflowRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace(original.getMetadata().getNamespace())
        .withGenerateName((name.length() > NAME_PART ? name.substring(0, NAME_PART) : name) + "-rerun-")
        .withLabels(labels).withAnnotations(annotations).build());
    WorkflowRunSpec spec = original.getSpec();
    run.setSpec(new WorkflowRunSpec(spec == null ? null : spec.workflow(), spec == null ? null : spec.ttlAfterCompletion()));
    return run;
  }
}
