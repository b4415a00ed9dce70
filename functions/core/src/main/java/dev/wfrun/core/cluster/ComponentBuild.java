package dev.wfrun.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunSpec;
import dev.wfrun.core.render.RepositoryParameters;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.resolve.WorkflowNotFoundException;
import dev.wfrun.core.resolve.WorkflowResolver;
import dev.wfrun.core.schema.SchemaException;
import dev.wfrun.core.webhook.RunRequests;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Build a Component now, as upstream's {@code occ component workflow run} does: a WorkflowRun named
 * {@code <component>-build-<unix seconds>} (then {@code -2}, {@code -3}, … when that name is taken),
 * labelled with project and component, with the Component's workflow and parameters and, when
 * given, the commit at the path its Workflow's schema marks for it ({@code wfrun.dev/git-commit} too).
 */
public final class ComponentBuild {
  public static final String REQUESTED_BY = "wfrun.dev/requested-by";
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-fA-F]{7,40}$");
  /** {@code -build-}, 10 digits and a {@code -N} suffix must fit a label value. */
  static final int NAME_PART = dev.wfrun.core.naming.KubernetesNames.LABEL_LIMIT - "-build-".length() - 10 - 3;

  private final KubernetesClient control;
  private final Clock clock;

  public ComponentBuild(KubernetesClient control, Clock clock) {
    this.control = control;
    this.clock = clock;
  }

  /**
   * @param commit a 7–40 character hex SHA, or null for the Workflow's default revision
   * @throws IllegalArgumentException naming the field when the commit or the Component cannot be used
   */
  public RunOperationResult build(String namespace, String project, String component, String commit, String who) {
    RunKey asked = new RunKey(namespace, component);
    Component c = control.resources(Component.class).inNamespace(namespace).withName(component).get();
    if (c == null || c.getSpec() == null || c.getSpec().owner() == null
        || !project.equals(c.getSpec().owner().projectName())) {
      return new RunOperationResult(RunOperationResult.Kind.NOT_FOUND, asked,
          "component \"" + component + "\" not found in project \"" + project + "\" of namespace \"" + namespace + "\"");
    }
    if (c.getSpec().workflow() == null || c.getSpec().workflow().name() == null) {
      throw new IllegalArgumentException("component: \"" + component + "\" names no workflow (spec.workflow)");
    }
    if (commit != null && !commit.isEmpty() && !COMMIT.matcher(commit).matches()) {
      throw new IllegalArgumentException("commit: must be a 7 to 40 character hex SHA, got \"" + commit + "\"");
    }
    var ref = c.getSpec().workflow();
    JsonNode parameters = ref.parameters() == null ? JsonNodeFactory.instance.objectNode() : ref.parameters().deepCopy();
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(REQUESTED_BY, who);
    if (commit != null && !commit.isEmpty()) {
      WorkflowRun probe = run(namespace, "probe", project, component, ref, parameters, annotations);
      ResolvedWorkflow workflow;
      try {
        workflow = WorkflowResolver.resolve(probe, new ClusterLookups(control));
      } catch (WorkflowNotFoundException e) {
        return new RunOperationResult(RunOperationResult.Kind.NOT_FOUND, asked, "spec.workflow: " + e.getMessage());
      }
      String path;
      try {
        path = RepositoryParameters.paths(workflow).get("commit");
      } catch (SchemaException e) {
        path = null;
      }
      if (path == null || !parameters.isObject()) {
        throw new IllegalArgumentException("commit: the workflow of component \"" + component
            + "\" marks no commit parameter (annotation openchoreo.dev/component-workflow-parameters)");
      }
      RunRequests.set((ObjectNode) parameters, path, commit);
      annotations.put(RunRequests.ANNOTATION_COMMIT, commit);
    }
    String base = (component.length() > NAME_PART ? component.substring(0, NAME_PART) : component) + "-build-"
        + clock.instant().getEpochSecond();
    for (int attempt = 1; attempt <= 9; attempt++) {
      String name = attempt == 1 ? base : base + "-" + attempt;
      try {
        control.resources(WorkflowRun.class).inNamespace(namespace)
            .resource(run(namespace, name, project, component, ref, parameters, annotations)).create();
        RunKey created = new RunKey(namespace, name);
        return RunOperationResult.done(created, "build of component " + component + " created as " + created);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    return RunOperationResult.conflict(asked, "nine builds of component " + component + " were started this second");
  }

  private static WorkflowRun run(String namespace, String name, String project, String component,
      dev.wfrun.api.v1alpha1.ComponentSpec.ComponentWorkflow ref, JsonNode parameters, Map<String, String> annotations) {
    WorkflowRun run = new WorkflowRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
        .withLabels(Map.of(OpenChoreo.LABEL_PROJECT, project, OpenChoreo.LABEL_COMPONENT, component))
        .withAnnotations(annotations).build());
    run.setSpec(new WorkflowRunSpec(new WorkflowRunSpec.WorkflowConfig(ref.kind(), ref.name(), parameters), null));
    return run;
  }
}
