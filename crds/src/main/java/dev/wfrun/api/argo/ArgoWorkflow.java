package dev.wfrun.api.argo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A typed view of the parts of an Argo {@code Workflow} that wfrun reads (its status). */
@Group(ArgoWorkflow.GROUP)
@Version(ArgoWorkflow.VERSION)
@Kind(ArgoWorkflow.KIND)
@Plural("workflows")
public class ArgoWorkflow extends CustomResource<JsonNode, ArgoWorkflowStatus> implements Namespaced {
  public static final String GROUP = "argoproj.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "Workflow";
}
