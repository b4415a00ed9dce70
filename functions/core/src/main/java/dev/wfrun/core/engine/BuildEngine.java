package dev.wfrun.core.engine;

import dev.wfrun.api.v1alpha1.ResourceReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to a Kubernetes-native workflow engine in a build plane: everything render-dispatch,
 * status-sync, superseding, finalize, resync and the log API need from it. An implementation keeps
 * every fact about its engine (API group, status shape, RBAC, stop protocol, pod naming) in its own
 * package; {@link BuildEngines} picks one by the run object's apiVersion and kind. Every method that
 * reads or writes takes the plane's client, so one engine instance serves all planes.
 */
public interface BuildEngine {
  /** Short name, as in logs and docs ({@code argo}). */
  String id();

  /** The type of the run object a rendered {@code runTemplate} is for this engine. */
  RunObjectType runObjectType();

  /** Applies the engine's value rules to a freshly rendered run object, in place. */
  void normalise(Map<String, Object> runObject);

  /**
   * The ServiceAccount the rendered run object runs as.
   *
   * @throws dev.wfrun.core.render.RenderException when it names none
   */
  String serviceAccountOf(Map<String, Object> runObject);

  /**
   * Creates what a run needs in its execution namespace before its run object (the namespace, the
   * ServiceAccount and the permissions the engine's pods need). Objects that exist are left as they are.
   */
  void prepare(KubernetesClient plane, String namespace, String serviceAccount);

  /**
   * Creates the run object, or adopts one that exists and carries the run's ownership labels.
   *
   * @throws dev.wfrun.core.kube.ForeignObjectException when one of its name belongs to something else
   */
  ResourceReference submit(KubernetesClient plane, Map<String, Object> runObject, String runNamespace,
      String runName);

  /**
   * The run object's current state; empty when it does not exist, is not of this engine's type, or
   * does not carry the ownership labels of {@code runNamespace/runName}.
   */
  Optional<EngineObservation> observe(KubernetesClient plane, ResourceReference ref, String runNamespace,
      String runName);

  /**
   * Asks the engine to stop the run (its exit handlers still run) and records {@code reason} on the
   * run object. One that is gone, or that does not carry the ownership labels of
   * {@code runNamespace/runName}, is left alone; false then.
   */
  boolean stop(KubernetesClient plane, ResourceReference ref, String runNamespace, String runName, String reason);

  /**
   * The run objects wfrun created on this plane that this engine holds, with the run each belongs
   * to: every one, or only those of {@code runNamespace/runName} when both are given.
   */
  List<OwnedRunObject> owned(KubernetesClient plane, String runNamespace, String runName);

  /**
   * Where the logs of the run object's tasks are (all tasks when {@code task} is null), in execution
   * order; empty when its pods are gone.
   */
  List<TaskLogStream> logStreams(KubernetesClient plane, ResourceReference ref, String task);
}
