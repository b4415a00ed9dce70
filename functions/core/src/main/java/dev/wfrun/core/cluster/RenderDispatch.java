package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import dev.wfrun.core.render.ParameterValidationException;
import dev.wfrun.core.render.RenderException;
import dev.wfrun.core.render.RenderedRun;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.render.RunRenderer;
import dev.wfrun.core.resolve.PlaneResolver;
import dev.wfrun.core.resolve.ResolvedPlane;
import dev.wfrun.core.resolve.WorkflowNotFoundException;
import dev.wfrun.core.resolve.WorkflowResolver;
import dev.wfrun.core.schema.SchemaException;
import dev.wfrun.core.status.Conditions;
import dev.wfrun.core.status.RunConditions;
import dev.wfrun.core.status.RunLifecycle;
import dev.wfrun.core.status.RunPhase;
import dev.wfrun.core.template.TemplateException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * render-dispatch: a new WorkflowRun becomes an Argo Workflow in its build plane. Reads the run
 * fresh (a duplicate or late event finds it dispatched and does nothing); resolves the Workflow,
 * the plane and externalRefs; defaults and validates the parameters; renders; adds the finalizer,
 * the TTL copied from the Workflow and the plane it runs on; ensures the namespace, service
 * account and RBAC; applies the extra resources; creates (or adopts) the Argo Workflow; and writes
 * runReference, resources, startedAt and the conditions. A run that can never execute (unknown
 * Workflow, invalid parameters, a template error, a component it may not build) ends Failed with
 * the reason in its conditions. A webhook run of a Component that opts in stops the older unfinished
 * runs of its branch ({@link SupersededRuns}).
 */
public final class RenderDispatch {
  private final Runs runs;
  private final ClusterLookups lookups;
  private final PlaneClients planes;
  private final RunRenderer renderer;
  private final ComponentRunCheck components;
  private final SupersededRuns superseded;
  private final Clock clock;

  public RenderDispatch(KubernetesClient control, BuildPlanes planes, RunRenderer renderer, Clock clock) {
    this.runs = new Runs(control);
    this.lookups = new ClusterLookups(control);
    this.planes = new PlaneClients(control, planes);
    this.renderer = renderer;
    this.components = new ComponentRunCheck(control);
    this.superseded = new SupersededRuns(control, planes, clock);
    this.clock = clock;
  }

  public StepResult dispatch(RunKey key) {
    WorkflowRun run = runs.get(key);
    if (run == null) {
      return StepResult.nothing("gone");
    }
    if (Runs.isDeleting(run)) {
      return StepResult.nothing("being deleted");
    }
    WorkflowRunStatus status = run.getStatus() == null ? WorkflowRunStatus.empty() : run.getStatus();
    if (status.runReference() != null || RunPhase.isCompleted(status.conditions())) {
      return StepResult.nothing("already dispatched");
    }
    String now = clock.instant().toString();
    long generation = generation(run);

    ResolvedWorkflow workflow;
    try {
      workflow = WorkflowResolver.resolve(run, lookups);
    } catch (WorkflowNotFoundException e) {
      return fail(key, RunConditions.REASON_FAILED, RunConditions.MESSAGE_NOT_FOUND + ": " + e.getMessage(), now);
    } catch (IllegalArgumentException e) {
      return fail(key, RunConditions.REASON_RESOLUTION_FAILED, "Failed to resolve workflow: " + e.getMessage(), now);
    }
    Optional<String> notAllowed = components.check(run, workflow.kind(), workflow.name());
    if (notAllowed.isPresent()) {
      return fail(key, RunConditions.REASON_COMPONENT_VALIDATION_FAILED, notAllowed.get(), now);
    }
    Optional<ResolvedPlane> plane = PlaneResolver.resolve(workflow, key.namespace(), lookups);
    if (plane.isEmpty()) {
      runs.updateStatus(key, s -> pendingWith(s, RunConditions.REASON_PLANE_NOT_FOUND,
          RunConditions.MESSAGE_PLANE_NOT_FOUND, generation, now));
      return StepResult.retry("no workflow plane");
    }

    RenderedRun rendered;
    String serviceAccount;
    try {
      rendered = renderer.render(run, workflow, plane.get().secretStore(), lookups);
      serviceAccount = serviceAccountOf(rendered.resource());
    } catch (ParameterValidationException e) {
      return fail(key, RunConditions.REASON_INVALID_PARAMETERS, e.getMessage(), now);
    } catch (RenderException e) {
      if (e.getMessage().startsWith("failed to resolve externalRef")) {
        // the SecretReference may be created later: say so, and let a later event retry
        runs.updateStatus(key, s -> pendingWith(s, RunConditions.REASON_RENDER_FAILED, e.getMessage(), generation, now));
        return StepResult.retry(e.getMessage());
      }
      return fail(key, RunConditions.REASON_RENDER_FAILED, e.getMessage(), now);
    } catch (TemplateException | SchemaException e) {
      return fail(key, RunConditions.REASON_RENDER_FAILED, e.getMessage(), now);
    }

    WorkflowRun marked = runs.update(key, current -> markDispatching(current, workflow, plane.get()));
    if (marked == null || Runs.isDeleting(marked)) {
      return StepResult.nothing("gone while dispatching");
    }

    BuildPlaneObjects buildPlane = new BuildPlaneObjects(planes.of(plane.get()));
    String executionNamespace = namespaceOf(rendered.resource());
    buildPlane.ensurePrerequisites(executionNamespace, serviceAccount);
    List<ResourceReference> applied = new ArrayList<>();
    for (RenderedRun.RenderedResource r : rendered.resources()) {
      applied.add(buildPlane.apply(r.resource()));
    }
    ResourceReference runReference;
    try {
      runReference = buildPlane.createOrAdopt(rendered.resource(), key.namespace(), key.name());
    } catch (ForeignObjectException e) {
      return fail(key, RunConditions.REASON_RENDER_FAILED, e.getMessage(), now);
    }
    runs.updateStatus(key, s -> RunLifecycle.initiate(s, generation, now)
        .withRunReference(runReference)
        .withResources(applied.isEmpty() ? null : applied));
    int stopped = superseded.cancelOlder(marked);
    return StepResult.done("dispatched " + runReference.namespace() + "/" + runReference.name()
        + (stopped > 0 ? ", superseding " + stopped + " older runs" : ""));
  }

  private StepResult fail(RunKey key, String reason, String message, String now) {
    runs.updateStatus(key, s -> RunLifecycle.fail(RunLifecycle.initiate(s, generationOf(key), now), reason, message,
        generationOf(key), now));
    return StepResult.done("failed: " + message);
  }

  private long generationOf(RunKey key) {
    WorkflowRun run = runs.get(key);
    return run == null ? 1 : generation(run);
  }

  private static WorkflowRunStatus pendingWith(WorkflowRunStatus s, String reason, String message, long generation,
      String now) {
    WorkflowRunStatus started = RunLifecycle.initiate(s, generation, now);
    return started.withConditions(Conditions.set(started.conditions(), RunConditions.COMPLETED, false, reason, message,
        generation, now));
  }

  /** Finalizer, the plane the run executes on, and the Workflow's TTL when the run has none. */
  private static WorkflowRun markDispatching(WorkflowRun run, ResolvedWorkflow workflow, ResolvedPlane plane) {
    List<String> finalizers = RunLifecycle.withFinalizer(run.getMetadata().getFinalizers());
    Map<String, String> annotations = run.getMetadata().getAnnotations() == null
        ? new LinkedHashMap<>() : new LinkedHashMap<>(run.getMetadata().getAnnotations());
    boolean copyTtl = (run.getSpec().ttlAfterCompletion() == null || run.getSpec().ttlAfterCompletion().isEmpty())
        && workflow.spec().ttlAfterCompletion() != null && !workflow.spec().ttlAfterCompletion().isEmpty();
    boolean unchanged = finalizers.equals(run.getMetadata().getFinalizers())
        && plane.reference().equals(annotations.get(PlaneClients.PLANE_ANNOTATION)) && !copyTtl;
    if (unchanged) {
      return null;
    }
    run.getMetadata().setFinalizers(finalizers);
    annotations.put(PlaneClients.PLANE_ANNOTATION, plane.reference());
    run.getMetadata().setAnnotations(annotations);
    if (copyTtl) {
      run.setSpec(run.getSpec().withTtlAfterCompletion(workflow.spec().ttlAfterCompletion()));
    }
    return run;
  }

  private static long generation(WorkflowRun run) {
    Long generation = run.getMetadata().getGeneration();
    return generation == null ? 1 : generation;
  }

  @SuppressWarnings("unchecked") // rendered objects are maps with string keys
  private static String namespaceOf(Map<String, Object> resource) {
    return (String) ((Map<String, Object>) resource.get("metadata")).get("namespace");
  }

  @SuppressWarnings("unchecked") // rendered objects are maps with string keys
  private static String serviceAccountOf(Map<String, Object> resource) {
    Object spec = resource.get("spec");
    Object sa = spec instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("serviceAccountName") : null;
    if (!(sa instanceof String name) || name.isEmpty()) {
      throw new RenderException("serviceAccountName not found in rendered resource spec");
    }
    return name;
  }
}
