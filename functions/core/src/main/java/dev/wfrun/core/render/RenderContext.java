package dev.wfrun.core.render;

import java.util.Map;

/**
 * What a run's templates may see besides its parameters.
 *
 * @param namespaceName the WorkflowRun's namespace ({@code ${metadata.namespaceName}})
 * @param workflowRunName the WorkflowRun's name ({@code ${metadata.workflowRunName}})
 * @param executionNamespace where the run executes in the build plane
 *     ({@code ${metadata.namespace}}, {@code openchoreo-ci-<namespace>})
 * @param labels the WorkflowRun's labels ({@code ${metadata.labels['...']}})
 * @param externalRefs resolved external references by id ({@code ${externalRefs['id'].spec}})
 * @param secretStore the plane's ClusterSecretStore ({@code ${workflowplane.secretStore}})
 */
public record RenderContext(
    String namespaceName,
    String workflowRunName,
    String executionNamespace,
    Map<String, String> labels,
    Map<String, Object> externalRefs,
    String secretStore) {

  /** The execution namespace of runs in {@code namespace}, as the seed documents name it. */
  public static String executionNamespaceOf(String namespace) {
    return "openchoreo-ci-" + namespace;
  }

  public static RenderContext of(String namespace, String runName, Map<String, String> labels) {
    return new RenderContext(namespace, runName, executionNamespaceOf(namespace), labels, Map.of(), "");
  }

  public RenderContext withSecretStore(String store) {
    return new RenderContext(namespaceName, workflowRunName, executionNamespace, labels, externalRefs, store);
  }
}
