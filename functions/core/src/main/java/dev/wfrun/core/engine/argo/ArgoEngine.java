package dev.wfrun.core.engine.argo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.core.engine.BuildEngine;
import dev.wfrun.core.engine.EngineObservation;
import dev.wfrun.core.engine.OwnedRunObject;
import dev.wfrun.core.engine.RunObjectType;
import dev.wfrun.core.engine.TaskLogStream;
import dev.wfrun.core.kube.Conflicts;
import dev.wfrun.core.kube.OwnedObjects;
import dev.wfrun.core.kube.RunServiceAccount;
import dev.wfrun.core.naming.NameRules;
import dev.wfrun.core.render.RenderException;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo Workflows ({@code argoproj.io/v1alpha1 Workflow}) as a {@link BuildEngine}: parameter values
 * stringified, the run's ServiceAccount allowed to write {@code workflowtaskresults} (what Argo's
 * executor needs), status read through the typed model, {@code spec.shutdown: Stop} to stop, and
 * task pods found by Argo's workflow label and node-name annotation.
 */
public final class ArgoEngine implements BuildEngine {
  /** Annotation on the Argo Workflow that says why wfrun stopped it. */
  public static final String STOP_REASON_ANNOTATION = "wfrun.dev/stop-reason";
  private static final RunObjectType TYPE =
      new RunObjectType(ArgoWorkflow.GROUP, ArgoWorkflow.VERSION, ArgoWorkflow.KIND, "workflows");
  private static final List<PolicyRule> RUN_RULES = List.of(new PolicyRuleBuilder()
      .withApiGroups(ArgoWorkflow.GROUP).withResources("workflowtaskresults").withVerbs("create", "patch").build());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return "argo";
  }

  @Override
  public RunObjectType runObjectType() {
    return TYPE;
  }

  @Override
  public void normalise(Map<String, Object> runObject) {
    ArgoParameterValues.stringify(runObject);
  }

  @Override
  @SuppressWarnings("unchecked") // rendered objects are maps with string keys
  public String serviceAccountOf(Map<String, Object> runObject) {
    Object spec = runObject.get("spec");
    Object sa = spec instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("serviceAccountName") : null;
    if (!(sa instanceof String name) || name.isEmpty()) {
      throw new RenderException("serviceAccountName not found in rendered resource spec");
    }
    return name;
  }

  @Override
  public void prepare(KubernetesClient plane, String namespace, String serviceAccount) {
    RunServiceAccount.ensure(new OwnedObjects(plane), namespace, serviceAccount, RUN_RULES);
  }

  @Override
  public ResourceReference submit(KubernetesClient plane, Map<String, Object> runObject, String runNamespace,
      String runName) {
    return new OwnedObjects(plane).createOrAdopt(runObject, runNamespace, runName);
  }

  @Override
  public Optional<EngineObservation> observe(KubernetesClient plane, ResourceReference ref, String runNamespace,
      String runName) {
    return read(plane, ref).filter(wf -> OwnedObjects.ownedBy(wf, runNamespace, runName))
        .map(wf -> ArgoObservations.of(wf.getStatus()));
  }

  private static Optional<ArgoWorkflow> read(KubernetesClient plane, ResourceReference ref) {
    if (!TYPE.matches(ref) || ref.namespace() == null || ref.name() == null
        || NameRules.objectNameProblem(ref.name()).isPresent()) {
      return Optional.empty();
    }
    return Optional.ofNullable(plane.resources(ArgoWorkflow.class).inNamespace(ref.namespace())
        .withName(ref.name()).get());
  }

  @Override
  public boolean stop(KubernetesClient plane, ResourceReference ref, String runNamespace, String runName,
      String reason) {
    Optional<ArgoWorkflow> live = read(plane, ref).filter(wf -> OwnedObjects.ownedBy(wf, runNamespace, runName));
    if (live.isEmpty()) {
      return false;
    }
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode metadata = patch.putObject("metadata");
    metadata.put("resourceVersion", live.get().getMetadata().getResourceVersion()); // stop what was checked
    metadata.putObject("annotations").put(STOP_REASON_ANNOTATION, reason);
    patch.putObject("spec").put("shutdown", "Stop");
    try {
      plane.resources(ArgoWorkflow.class).inNamespace(ref.namespace()).withName(ref.name())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
      return true;
    } catch (KubernetesClientException e) {
      if (Conflicts.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public List<OwnedRunObject> owned(KubernetesClient plane, String runNamespace, String runName) {
    Map<String, String> selector = new java.util.LinkedHashMap<>();
    selector.put(OpenChoreo.LABEL_MANAGED_BY, OpenChoreo.MANAGED_BY_VALUE);
    if (runNamespace != null && runName != null) {
      selector.put(OpenChoreo.LABEL_WORKFLOWRUN, runName);
      selector.put(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE, runNamespace);
    }
    List<OwnedRunObject> owned = new ArrayList<>();
    for (ArgoWorkflow wf : plane.resources(ArgoWorkflow.class).inAnyNamespace().withLabels(selector).list()
        .getItems()) {
      Map<String, String> labels = wf.getMetadata().getLabels();
      String owner = labels.get(OpenChoreo.LABEL_WORKFLOWRUN);
      String ownerNamespace = labels.get(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE);
      if (owner != null && ownerNamespace != null) {
        owned.add(new OwnedRunObject(new ResourceReference(TYPE.apiVersion(), TYPE.kind(),
            wf.getMetadata().getName(), wf.getMetadata().getNamespace()), ownerNamespace, owner));
      }
    }
    return owned;
  }

  @Override
  public List<TaskLogStream> logStreams(KubernetesClient plane, ResourceReference ref, String task) {
    if (!TYPE.matches(ref) || ref.namespace() == null || ref.name() == null) {
      return List.of();
    }
    return ArgoTaskPods.streams(plane, ref.namespace(), ref.name(), task);
  }
}
