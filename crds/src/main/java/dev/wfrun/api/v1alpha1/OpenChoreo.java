package dev.wfrun.api.v1alpha1;

/** The openchoreo.dev API group: version, label, annotation and finalizer keys (constants only). */
public final class OpenChoreo {
  public static final String GROUP = "openchoreo.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Labels on WorkflowRuns of component builds; exposed to templates as {@code metadata.labels}. */
  public static final String LABEL_COMPONENT = "openchoreo.dev/component";
  public static final String LABEL_PROJECT = "openchoreo.dev/project";

  /** Ownership labels put on every object applied in the build plane. */
  public static final String LABEL_WORKFLOWRUN = "openchoreo.dev/workflowrun";
  public static final String LABEL_WORKFLOWRUN_NAMESPACE = "openchoreo.dev/workflowrun-namespace";
  public static final String LABEL_MANAGED_BY = "openchoreo.dev/managed-by";
  public static final String MANAGED_BY_VALUE = "workflowrun-controller";

  /**
   * Legacy (pre 2026-03) map of a component Workflow's repository parameters, still read when the
   * schema does not say which parameters are the repository's ({@code RepositoryParameters}).
   */
  public static final String ANNOTATION_COMPONENT_WORKFLOW_PARAMETERS =
      "openchoreo.dev/component-workflow-parameters";

  public static final String FINALIZER_WORKFLOWRUN = "openchoreo.dev/workflowrun-cleanup";

  private OpenChoreo() {}
}
