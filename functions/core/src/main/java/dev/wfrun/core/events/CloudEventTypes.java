package dev.wfrun.core.events;

/**
 * wfrun's CloudEvent vocabulary: the types (and the attributes that tell equal types apart) that the
 * functions are bound to, the gateways send and {@code wfrun dev}'s broker routes. The Knative
 * Triggers in {@code knative/} filter on exactly these; a test keeps the two in step.
 */
public final class CloudEventTypes {
  /** ApiServerSource, Reference mode (WorkflowRuns, Components): data is {apiVersion, kind, namespace, name}. */
  public static final String REF_ADD = "dev.knative.apiserver.ref.add";
  public static final String REF_UPDATE = "dev.knative.apiserver.ref.update";
  public static final String REF_DELETE = "dev.knative.apiserver.ref.delete";
  /** ApiServerSource, Resource mode (build-plane run objects): data is the whole object. */
  public static final String RESOURCE_UPDATE = "dev.knative.apiserver.resource.update";
  public static final String RESOURCE_DELETE = "dev.knative.apiserver.resource.delete";
  /** PingSource ticks; the {@value #TASK_ATTRIBUTE} extension says which task. */
  public static final String PING = "dev.knative.sources.ping";

  /** CloudEvent extension ApiServerSource sets to the object's kind. */
  public static final String KIND_ATTRIBUTE = "kind";
  /** CloudEvent extensions ApiServerSource sets to the object's apiVersion, name and namespace. */
  public static final String API_VERSION_ATTRIBUTE = "apiversion";
  public static final String NAME_ATTRIBUTE = "name";
  public static final String NAMESPACE_ATTRIBUTE = "namespace";
  /** W3C trace context, carried as a CloudEvent extension (the distributed-tracing extension). */
  public static final String TRACEPARENT_ATTRIBUTE = "traceparent";
  /** CloudEvent extension the PingSources set (ceOverrides) to name their task. */
  public static final String TASK_ATTRIBUTE = "wfruntask";

  /** The gateway asks create-runs for a WorkflowRun; data is the WorkflowRun. */
  public static final String RUN_REQUESTED = "dev.wfrun.autobuild.run.requested";

  /** The type of every function's reply event (except report-status's). */
  public static final String STEP_RESULT = "dev.wfrun.step.result";
  /** CloudEvent extension on a step's reply saying what its subject is ({@code WorkflowRun} for run steps). */
  public static final String SUBJECT_KIND_ATTRIBUTE = "wfrunsubjectkind";
  /** report-status's reply: a type of its own, so its replies never trigger it again. */
  public static final String COMMIT_STATUS_RESULT = "dev.wfrun.commitstatus.result";

  private CloudEventTypes() {}

  /** The ApiServerSource type of a change: {@code verb} is add, update or delete. */
  public static String apiServer(boolean referenceMode, String verb) {
    if (!java.util.Set.of("add", "update", "delete").contains(verb)) {
      throw new IllegalArgumentException("ApiServerSource verbs are add, update and delete, not " + verb);
    }
    return "dev.knative.apiserver." + (referenceMode ? "ref." : "resource.") + verb;
  }
}
