package dev.wfrun.api.v1alpha1;

/** The openchoreo.dev API group: version, label, annotation and finalizer keys (constants only). */
public final class OpenChoreo {
  public static final String GROUP = "openchoreo.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Labels on WorkflowRuns of component builds; exposed to templates as {@code metadata.labels}. */
  public static final String LABEL_COMPONENT = "openchoreo.dev/component";
  public static final String LABEL_PROJECT = "openchoreo.dev/project";
  /** Marks a component CI workflow (current form of the legacy workflow-scope annotation). */
  public static final String LABEL_WORKFLOW_TYPE = "openchoreo.dev/workflow-type";

  /** Ownership labels put on every object applied in the build plane. */
  public static final String LABEL_WORKFLOWRUN = "openchoreo.dev/workflowrun";
  public static final String LABEL_WORKFLOWRUN_NAMESPACE = "openchoreo.dev/workflowrun-namespace";
  public static final String LABEL_MANAGED_BY = "openchoreo.dev/managed-by";
  public static final String MANAGED_BY_VALUE = "workflowrun-controller";

  public static final String ANNOTATION_DISPLAY_NAME = "openchoreo.dev/display-name";
  public static final String ANNOTATION_DESCRIPTION = "openchoreo.dev/description";
  /** Legacy (pre 2026-03) component-workflow markers, still understood. */
  public static final String ANNOTATION_WORKFLOW_SCOPE = "openchoreo.dev/workflow-scope";
  public static final String ANNOTATION_COMPONENT_WORKFLOW_PARAMETERS =
      "openchoreo.dev/component-workflow-parameters";

  public static final String FINALIZER_WORKFLOWRUN = "openchoreo.dev/workflowrun-cleanup";
  public static final String FINALIZER_WORKFLOWPLANE = "openchoreo.dev/workflowplane-cleanup";
  public static final String FINALIZER_CLUSTERWORKFLOWPLANE = "openchoreo.dev/clusterworkflowplane-cleanup";

  private OpenChoreo() {}
}
