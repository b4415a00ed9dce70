package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import dev.wfrun.core.engine.BuildEngine;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.kube.ForeignObjectException;
import dev.wfrun.core.kube.OwnedObjects;
import dev.wfrun.core.render.MissingReferenceException;
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
 * render-dispatch: a new WorkflowRun becomes its engine's run object (an Argo Workflow) in its build plane. Reads the run
 * fresh (a duplicate or late event finds it dispatched and does nothing); resolves the Workflow,
 * the plane and externalRefs; defaults and validates the parameters; renders; adds the finalizer,
 * the TTL copied from the Workflow and the plane it runs on; ensures the namespace, service
 * account and RBAC; applies the extra resources; creates (or adopts) the Argo Workflow; and writes
 * runReference, resources, startedAt and the conditions. What is engine-specific (the run object's
 * value rules, its ServiceAccount and permissions, creating it) goes through the {@link BuildEngine}
 * that {@link BuildEngines} picks by the rendered object's apiVersion and kind. A run that can never execute (unknown
 * Workflow, invalid parameters, a template error, a component it may not build) ends Failed with
 * the reason in its conditions. A webhook run of a Component that opts in stops the older unfinished
 * runs of its branch ({@link SupersededRuns}).
 */
public final class RenderDispatch {
  /** The rendered run object and each extra resource must fit in this (etcd keeps objects up to 1.5 MiB). */
  public static final int MAX_RENDERED_BYTES = 1024 * 1024;
  /** Annotation a dispatch attempt writes before it creates anything; the attempt that wrote last goes on. */
  static final String CLAIM_ANNOTATION = "wfrun.dev/dispatch-attempt";
  private final java.util.Set<RunKey> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile Runnable beforeBuildPlaneWrites = () -> { };
  private final Runs runs;
  private final ClusterLookups lookups;
  private final PlaneClients planes;
  private final RunRenderer renderer;
  private final ComponentRunCheck components;
  private final SupersededRuns superseded;
  private final BuildQueue queue;
  private final BuildEngines engines;
  private final Clock clock;

  public RenderDispatch(KubernetesClient control, BuildPlanes planes, RunRenderer renderer, Clock clock) {
    this(control, planes, renderer, BuildEngines.standard(), clock);
  }

  public RenderDispatch(KubernetesClient control, BuildPlanes planes, RunRenderer renderer, BuildEngines engines,
      Clock clock) {
    this.engines = engines;
    this.runs = new Runs(control);
    this.lookups = new ClusterLookups(control);
    this.planes = new PlaneClients(control, planes);
    this.renderer = renderer;
    this.components = new ComponentRunCheck(control);
    this.superseded = new SupersededRuns(control, planes, engines, clock);
    this.queue = new BuildQueue(control);
    this.clock = clock;
  }

  /**
   * Dispatches the run. A second delivery for a run whose dispatch is still in flight in this
   * process does nothing (the first one finishes or fails visibly; retries never evaluate twice).
   */
  public StepResult dispatch(RunKey key) {
    if (!inFlight.add(key)) {
      return StepResult.nothing("a dispatch of this run is already in flight");
    }
    try {
      return dispatchOnce(key);
    } finally {
      inFlight.remove(key);
    }
  }

  private StepResult dispatchOnce(RunKey key) {
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
    Optional<String> unrunnable = namesTooLong(key);
    if (unrunnable.isPresent()) {
      return fail(key, RunConditions.REASON_RENDER_FAILED, unrunnable.get(), now);
    }
    try {
      return dispatchResolved(key, run, generation, now);
    } catch (dev.wfrun.core.naming.InvalidNameException e) {
      return fail(key, RunConditions.REASON_RENDER_FAILED, e.getMessage(), now);
    }
  }

  /**
   * Names a real API server would refuse, found before anything is created: the run's name becomes
   * a label value (and Argo's workflow label), its namespace part of the execution namespace.
   */
  static Optional<String> namesTooLong(RunKey key) {
    if (key.name().length() > dev.wfrun.core.naming.KubernetesNames.LABEL_LIMIT) {
      return Optional.of("WorkflowRun name \"" + key.name() + "\" is " + key.name().length()
          + " characters; runs are labelled with their name, and label values are at most 63 characters");
    }
    String execution = dev.wfrun.core.render.RenderContext.executionNamespaceOf(key.namespace());
    if (execution.length() > dev.wfrun.core.naming.KubernetesNames.LABEL_LIMIT) {
      return Optional.of("namespace \"" + key.namespace() + "\" is too long for a build-plane execution namespace: \""
          + execution + "\" would be " + execution.length() + " characters, the limit is 63");
    }
    return Optional.empty();
  }

  private StepResult dispatchResolved(RunKey key, WorkflowRun run, long generation, String now) {
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
    Optional<BuildQueue.Place> place = queue.placeOf(run);
    if (place.isPresent() && !place.get().mayStart() && superseded.cancelOlder(run) > 0) {
      place = queue.placeOf(runs.get(key)); // superseding comes first: the runs it stopped free their places
    }
    if (place.isPresent() && !place.get().mayStart()) {
      String message = place.get().message();
      // no startedAt yet: the run starts when it leaves the queue
      runs.updateStatus(key, s -> s.withConditions(Conditions.set(s.conditions(), RunConditions.COMPLETED, false,
          RunConditions.REASON_QUEUED, message, generation, now)));
      return StepResult.retry(message);
    }
    Optional<ResolvedPlane> plane = PlaneResolver.resolve(workflow, key.namespace(), lookups);
    if (plane.isEmpty()) {
      runs.updateStatus(key, s -> pendingWith(s, RunConditions.REASON_PLANE_NOT_FOUND,
          RunConditions.MESSAGE_PLANE_NOT_FOUND, generation, now));
      return StepResult.retry("no workflow plane");
    }

    RenderedRun rendered;
    BuildEngine engine;
    String serviceAccount;
    try {
      rendered = renderer.render(run, workflow, plane.get().secretStore(), lookups);
      Optional<BuildEngine> found = engines.forRunObject(rendered.resource());
      if (found.isEmpty()) {
        return fail(key, RunConditions.REASON_RENDER_FAILED, "spec.runTemplate: rendered a "
            + rendered.resource().get("apiVersion") + " " + rendered.resource().get("kind")
            + ", which no build engine runs (wfrun runs " + engines.describe() + ")", now);
      }
      engine = found.get();
      serviceAccount = engine.serviceAccountOf(rendered.resource());
    } catch (ParameterValidationException e) {
      return fail(key, RunConditions.REASON_INVALID_PARAMETERS, e.getMessage(), now);
    } catch (MissingReferenceException e) {
      // the SecretReference may be created later: say so, and let a later event retry
      runs.updateStatus(key, s -> pendingWith(s, RunConditions.REASON_RENDER_FAILED, e.getMessage(), generation, now));
      return StepResult.retry(e.getMessage());
    } catch (RenderException | TemplateException | SchemaException e) {
      return fail(key, RunConditions.REASON_RENDER_FAILED, e.getMessage(), now);
    }
    Optional<String> tooLarge = tooLarge(rendered);
    if (tooLarge.isPresent()) {
      return fail(key, RunConditions.REASON_RENDER_FAILED, tooLarge.get(), now);
    }

    String attempt = java.util.UUID.randomUUID().toString();
    WorkflowRun[] stale = new WorkflowRun[1];
    WorkflowRun marked = runs.update(key, current -> {
      if (Runs.isDeleting(current) || alreadyDispatched(current)) {
        stale[0] = current;
        return null;
      }
      return markDispatching(current, workflow, plane.get(), attempt);
    });
    if (marked == null || Runs.isDeleting(marked)) {
      return StepResult.nothing("gone while dispatching");
    }
    if (stale[0] != null) {
      return StepResult.nothing("dispatched or finished meanwhile (a stale attempt does not dispatch again)");
    }

    KubernetesClient buildPlane;
    try {
      buildPlane = planes.of(plane.get());
    } catch (IllegalArgumentException | IllegalStateException e) {
      return fail(key, RunConditions.REASON_PLANE_RESOLUTION_FAILED, e.getMessage(), now);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (!BuildPlaneRefusal.isPermanent(e)) {
        throw e;
      }
      return fail(key, RunConditions.REASON_PLANE_RESOLUTION_FAILED, "the plane's kubeconfig Secret cannot be read: "
          + BuildPlaneRefusal.describe(e), now);
    }
    String executionNamespace = namespaceOf(rendered.resource());
    List<ResourceReference> applied = new ArrayList<>();
    ResourceReference runReference;
    beforeBuildPlaneWrites.run();
    try {
      // right before the first write to the build plane: is this attempt still the one to go on?
      WorkflowRun current = runs.get(key);
      if (current == null || Runs.isDeleting(current) || alreadyDispatched(current)
          || !attempt.equals(annotation(current, CLAIM_ANNOTATION))) {
        return StepResult.nothing("another dispatch attempt took over, or the run was dispatched or finished");
      }
      dev.wfrun.core.naming.NameRules.requireNamespace("rendered metadata.namespace", executionNamespace);
      dev.wfrun.core.naming.NameRules.requireObjectName("rendered spec.serviceAccountName", serviceAccount);
      engine.prepare(buildPlane, executionNamespace, serviceAccount);
      OwnedObjects objects = new OwnedObjects(buildPlane);
      for (RenderedRun.RenderedResource r : rendered.resources()) {
        applied.add(objects.apply(r.resource(), key.namespace(), key.name()));
      }
      runReference = engine.submit(buildPlane, rendered.resource(), key.namespace(), key.name());
    } catch (ForeignObjectException e) {
      return fail(key, RunConditions.REASON_RENDER_FAILED, e.getMessage(), now);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() == 502 && BuildPlanes.behindAgent(plane.get())) {
        // the cluster gateway has no agent of this plane: say so, and dispatch once one connects
        String message = "plane " + plane.get().reference() + " is behind a cluster agent and none is connected"
            + " (planeID " + BuildPlanes.planeId(plane.get()) + ")";
        runs.updateStatus(key, s -> pendingWith(s, RunConditions.REASON_AGENT_NOT_CONNECTED, message, generation, now));
        return StepResult.retry(message);
      }
      if (!BuildPlaneRefusal.isPermanent(e)) {
        throw e; // the server failed or was busy: the event is retried
      }
      return fail(key, RunConditions.REASON_BUILD_PLANE_REFUSED, BuildPlaneRefusal.describe(e), now);
    }
    boolean[] finishedMeanwhile = {false};
    runs.updateStatus(key, s -> {
      // a run cancelled while this attempt created its objects keeps its conditions, and names them for finalize
      finishedMeanwhile[0] = RunPhase.isCompleted(s.conditions());
      WorkflowRunStatus base = finishedMeanwhile[0] ? s : RunLifecycle.initiate(s, generation, now);
      return base.withRunReference(runReference).withResources(applied.isEmpty() ? null : applied);
    });
    if (finishedMeanwhile[0]) {
      engine.stop(buildPlane, runReference, key.namespace(), key.name(),
          "the run was cancelled while render-dispatch created it");
      return StepResult.done("dispatched " + runReference.namespace() + "/" + runReference.name()
          + " and stopped it: the run was cancelled meanwhile");
    }
    int stopped = superseded.cancelOlder(marked);
    return StepResult.done("dispatched " + runReference.namespace() + "/" + runReference.name()
        + (stopped > 0 ? ", superseding " + stopped + " older runs" : ""));
  }

  private StepResult fail(RunKey key, String reason, String message, String now) {
    runs.updateStatus(key, s -> RunLifecycle.fail(RunLifecycle.initiate(s, generationOf(key), now), reason, message,
        generationOf(key), now));
    return StepResult.failed(reason, message);
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

  /**
   * Runs {@code hook} in each attempt after the run is claimed and before anything is written to
   * the build plane: the seam where tests let another attempt overtake this one.
   */
  void beforeBuildPlaneWrites(Runnable hook) {
    this.beforeBuildPlaneWrites = hook;
  }

  private static boolean alreadyDispatched(WorkflowRun run) {
    WorkflowRunStatus status = run.getStatus() == null ? WorkflowRunStatus.empty() : run.getStatus();
    return status.runReference() != null || RunPhase.isCompleted(status.conditions());
  }

  private static String annotation(WorkflowRun run, String key) {
    Map<String, String> annotations = run.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  /** Why the rendered objects cannot be stored by an API server, if they cannot. */
  static Optional<String> tooLarge(RenderedRun rendered) {
    int size = dev.wfrun.core.template.TemplateValues.toJson(rendered.resource()).toString().length();
    if (size > MAX_RENDERED_BYTES) {
      return Optional.of("rendered run object is " + size + " bytes, over the limit of " + MAX_RENDERED_BYTES);
    }
    for (RenderedRun.RenderedResource r : rendered.resources()) {
      int s = dev.wfrun.core.template.TemplateValues.toJson(r.resource()).toString().length();
      if (s > MAX_RENDERED_BYTES) {
        return Optional.of("rendered resource \"" + r.id() + "\" is " + s + " bytes, over the limit of "
            + MAX_RENDERED_BYTES);
      }
    }
    return Optional.empty();
  }

  /**
   * Finalizer, the plane the run executes on, the Workflow's TTL when the run has none, and this
   * attempt's claim (always written, so two attempts cannot both pass the check before creating).
   */
  private static WorkflowRun markDispatching(WorkflowRun run, ResolvedWorkflow workflow, ResolvedPlane plane,
      String attempt) {
    List<String> finalizers = RunLifecycle.withFinalizer(run.getMetadata().getFinalizers());
    Map<String, String> annotations = run.getMetadata().getAnnotations() == null
        ? new LinkedHashMap<>() : new LinkedHashMap<>(run.getMetadata().getAnnotations());
    boolean copyTtl = (run.getSpec().ttlAfterCompletion() == null || run.getSpec().ttlAfterCompletion().isEmpty())
        && workflow.spec().ttlAfterCompletion() != null && !workflow.spec().ttlAfterCompletion().isEmpty();
    run.getMetadata().setFinalizers(finalizers);
    annotations.put(PlaneClients.PLANE_ANNOTATION, plane.reference());
    annotations.put(CLAIM_ANNOTATION, attempt);
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
}
