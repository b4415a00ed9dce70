package dev.wfrun.core.runapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowTask;
import dev.wfrun.core.access.CallerAccess;
import dev.wfrun.core.runapi.CallerGate.Gate;
import dev.wfrun.core.runapi.CallerGate.Pass;
import dev.wfrun.core.runapi.CallerGate.Stop;
import dev.wfrun.core.cluster.LiveRunObjects;
import dev.wfrun.core.cluster.RunCancel;
import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.cluster.RunOperationResult;
import dev.wfrun.core.cluster.RunRerun;
import dev.wfrun.core.naming.NameRules;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Optional;

/**
 * The run API over WorkflowRuns ({@code /api/v1/namespaces/{ns}/workflowruns...}): list (paged),
 * get, status, and wfrun's cancel and re-run. Every call is authorised for the caller by
 * {@link CallerAccess} on the WorkflowRun verb it amounts to (list, get, update for cancel, create
 * for re-run) in that namespace; the service's own identity then does the work.
 */
public final class RunApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesClient client;
  private final GuardedRuns guarded;
  private final RunCancel cancel;
  private final RunRerun rerun;
  private final LiveRunObjects live;
  private final dev.wfrun.core.cluster.ComponentBuild builds;

  public RunApi(KubernetesClient client, RunCancel cancel, RunRerun rerun, LiveRunObjects live,
      dev.wfrun.core.cluster.ComponentBuild builds) {
    this.builds = builds;
    this.client = client;
    this.guarded = new GuardedRuns(client);
    this.cancel = cancel;
    this.rerun = rerun;
    this.live = live;
  }

  /** {@code GET .../workflowruns?limit=&cursor=&labelSelector=&workflow=}: one page and the next page's cursor. */
  public RunApiAnswer list(String authorization, String namespace, String limit, String cursor, String labelSelector,
      String workflow) {
    Gate gate = gate(authorization, "list", namespace, namespaceProblem(namespace).or(() -> PageLimit.problem(limit)));
    if (gate instanceof Stop stop) {
      return stop.answer();
    }
    int pageSize = PageLimit.of(limit);
    KubernetesResourceList<WorkflowRun> page;
    try {
      page = client.resources(WorkflowRun.class).inNamespace(namespace).list(new ListOptionsBuilder()
          .withLimit((long) pageSize).withContinue(cursor == null || cursor.isEmpty() ? null : cursor)
          .withLabelSelector(labelSelector == null || labelSelector.isEmpty() ? null : labelSelector).build());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 400 || e.getCode() == 410 || e.getCode() == 422) {
        boolean hasCursor = cursor != null && !cursor.isEmpty();
        boolean hasSelector = labelSelector != null && !labelSelector.isEmpty();
        String field = hasCursor && hasSelector ? "cursor or labelSelector" : hasCursor ? "cursor" : "labelSelector";
        return RunApiAnswer.problem(400, "Bad Request", field + ": refused by the API server (HTTP " + e.getCode()
            + "): " + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage()));
      }
      throw e;
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (WorkflowRun run : page.getItems()) {
      String name = run.getSpec() == null || run.getSpec().workflow() == null ? null : run.getSpec().workflow().name();
      if (workflow == null || workflow.isEmpty() || workflow.equals(name)) {
        items.add(SERIALIZATION.convertValue(run, JsonNode.class));
      }
    }
    String next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    if (next != null && !next.isEmpty()) {
      body.put("nextCursor", next);
    }
    return RunApiAnswer.ok(200, body);
  }

  /**
   * {@code POST .../workflowruns} with a WorkflowRun: 201 with the stored run; 404 when its Workflow
   * does not exist, 409 when a run of that name does, 400 naming the field for a body that is not a
   * WorkflowRun of this namespace, 422 when the API server refuses it (its causes in the detail).
   */
  public RunApiAnswer create(String authorization, String namespace, byte[] body) {
    Gate gate = gate(authorization, "create", namespace, namespaceProblem(namespace));
    if (gate instanceof Stop stop) {
      return stop.answer();
    }
    WorkflowRun run;
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree == null || !tree.isObject()) {
        return RunApiAnswer.problem(400, "Bad Request", "body: must be a WorkflowRun object");
      }
      if (tree.has("kind") && !WorkflowRun.KIND.equals(tree.path("kind").asText())) {
        return RunApiAnswer.problem(400, "Bad Request", "kind: must be WorkflowRun, got \"" + tree.path("kind").asText()
            + "\"");
      }
      run = SERIALIZATION.convertValue(tree, WorkflowRun.class);
    } catch (java.io.IOException | IllegalArgumentException e) {
      return RunApiAnswer.problem(400, "Bad Request", "body: not a WorkflowRun (" + e.getMessage() + ")");
    }
    if (run.getMetadata() == null) {
      run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    }
    String given = run.getMetadata().getNamespace();
    if (given != null && !given.isEmpty() && !given.equals(namespace)) {
      return RunApiAnswer.problem(400, "Bad Request", "metadata.namespace: \"" + given
          + "\" does not match the path's namespace \"" + namespace + "\"");
    }
    run.getMetadata().setNamespace(namespace);
    run.getMetadata().setResourceVersion(null);
    run.setStatus(null);
    if ((run.getMetadata().getName() == null || run.getMetadata().getName().isEmpty())
        && (run.getMetadata().getGenerateName() == null || run.getMetadata().getGenerateName().isEmpty())) {
      return RunApiAnswer.problem(400, "Bad Request", "metadata.name: required (or metadata.generateName)");
    }
    if (run.getSpec() == null || run.getSpec().workflow() == null || run.getSpec().workflow().name() == null) {
      return RunApiAnswer.problem(400, "Bad Request", "spec.workflow.name: required");
    }
    dev.wfrun.core.render.ResolvedWorkflow workflow;
    try {
      workflow = dev.wfrun.core.resolve.WorkflowResolver.resolve(run, new dev.wfrun.core.cluster.ClusterLookups(client));
    } catch (dev.wfrun.core.resolve.WorkflowNotFoundException e) {
      return RunApiAnswer.problem(404, "Not Found", "spec.workflow: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return RunApiAnswer.problem(400, "Bad Request", "spec.workflow: " + e.getMessage());
    }
    Optional<RunApiAnswer> invalid = parameterViolations(workflow, run);
    if (invalid.isPresent()) {
      return invalid.get(); // nothing created: a run that could only fail is refused with every reason
    }
    try {
      WorkflowRun created = client.resources(WorkflowRun.class).inNamespace(namespace).resource(run).create();
      return RunApiAnswer.ok(201, SERIALIZATION.convertValue(created, JsonNode.class));
    } catch (KubernetesClientException e) {
      String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
          : e.getMessage();
      return switch (e.getCode()) {
        case 409 -> RunApiAnswer.problem(409, "Conflict", message);
        case 400, 422 -> RunApiAnswer.problem(422, "Unprocessable Entity", message);
        default -> throw e;
      };
    }
  }

  /**
   * {@code POST /api/v1/namespaces/{ns}/projects/{p}/components/{c}/workflowruns} with an optional
   * {@code {"commit":"<sha>"}}: build the Component now (201 with the run), for whoever may create runs.
   */
  public RunApiAnswer buildComponent(String authorization, String namespace, String project, String component,
      byte[] body) {
    Gate gate = gate(authorization, "create", namespace, nameProblems(namespace, component));
    if (gate instanceof Stop stop) {
      return stop.answer();
    }
    String commit = null;
    if (body != null && body.length > 0) {
      try {
        JsonNode tree = JSON.readTree(body);
        if (tree != null && !tree.isObject()) {
          return RunApiAnswer.problem(400, "Bad Request", "body: must be an object like {\"commit\":\"<sha>\"}");
        }
        commit = tree == null || tree.path("commit").isMissingNode() ? null : tree.path("commit").asText();
      } catch (java.io.IOException e) {
        return RunApiAnswer.problem(400, "Bad Request", "body: not JSON (" + e.getMessage() + ")");
      }
    }
    RunOperationResult result;
    try {
      result = builds.build(namespace, project, component, commit, ((Pass) gate).user());
    } catch (IllegalArgumentException e) {
      return RunApiAnswer.problem(400, "Bad Request", e.getMessage());
    }
    return answer(result, 201);
  }

  /** {@code GET .../workflowruns/{run}}. */
  public RunApiAnswer get(String authorization, String namespace, String name) {
    return withRun(authorization, "get", namespace, name, run -> RunApiAnswer.ok(200,
        SERIALIZATION.convertValue(run, JsonNode.class)));
  }

  /**
   * {@code GET .../workflowruns/{run}/status}: upstream's {@code {"status","steps","hasLiveObservability"}},
   * with the conditions beside them.
   */
  public RunApiAnswer status(String authorization, String namespace, String name) {
    return withRun(authorization, "get", namespace, name, run -> {
      ObjectNode body = JSON.createObjectNode();
      body.put("status", run.getStatus() == null || run.getStatus().phase() == null ? "Pending"
          : run.getStatus().phase());
      ArrayNode steps = body.putArray("steps");
      if (run.getStatus() != null && run.getStatus().tasks() != null) {
        for (WorkflowTask t : run.getStatus().tasks()) {
          ObjectNode step = steps.addObject().put("name", t.name()).put("phase", t.phase());
          putIfPresent(step, "startedAt", t.startedAt());
          putIfPresent(step, "finishedAt", t.completedAt());
          putIfPresent(step, "message", t.message());
        }
      }
      body.put("hasLiveObservability", live.exists(run));
      waiting(run).ifPresent(why -> body.put("waiting", why));
      body.set("conditions", JSON.valueToTree(run.getStatus() == null || run.getStatus().conditions() == null
          ? java.util.List.of() : run.getStatus().conditions()));
      return RunApiAnswer.ok(200, body);
    });
  }

  /**
   * {@code PUT .../workflowruns/{run}} with a WorkflowRun: replaces its spec, labels and annotations
   * (finalizers and status stay), retried on a conflict unless the body names a resourceVersion, which
   * must then be current (409 otherwise). 404 when there is no such run; 422 when the API server refuses it.
   */
  public RunApiAnswer replace(String authorization, String namespace, String name, byte[] body) {
    Gate gate = gate(authorization, "update", namespace, nameProblems(namespace, name));
    if (gate instanceof Stop stop) {
      return stop.answer();
    }
    WorkflowRun given;
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree == null || !tree.isObject()) {
        return RunApiAnswer.problem(400, "Bad Request", "body: must be a WorkflowRun object");
      }
      given = SERIALIZATION.convertValue(tree, WorkflowRun.class);
    } catch (java.io.IOException | IllegalArgumentException e) {
      return RunApiAnswer.problem(400, "Bad Request", "body: not a WorkflowRun (" + e.getMessage() + ")");
    }
    io.fabric8.kubernetes.api.model.ObjectMeta meta = given.getMetadata() == null
        ? new io.fabric8.kubernetes.api.model.ObjectMeta() : given.getMetadata();
    if (meta.getName() != null && !meta.getName().equals(name)) {
      return RunApiAnswer.problem(400, "Bad Request", "metadata.name: \"" + meta.getName()
          + "\" does not match the path's run \"" + name + "\"");
    }
    if (meta.getNamespace() != null && !meta.getNamespace().equals(namespace)) {
      return RunApiAnswer.problem(400, "Bad Request", "metadata.namespace: \"" + meta.getNamespace()
          + "\" does not match the path's namespace \"" + namespace + "\"");
    }
    if (given.getSpec() == null || given.getSpec().workflow() == null || given.getSpec().workflow().name() == null) {
      return RunApiAnswer.problem(400, "Bad Request", "spec.workflow.name: required");
    }
    var runs = client.resources(WorkflowRun.class).inNamespace(namespace);
    try {
      WorkflowRun replaced = dev.wfrun.core.kube.Conflicts.retry(() -> {
        WorkflowRun live = runs.withName(name).get();
        if (live == null) {
          return null;
        }
        if (meta.getResourceVersion() != null && !meta.getResourceVersion().equals(live.getMetadata().getResourceVersion())) {
          throw new StaleReplace(live.getMetadata().getResourceVersion());
        }
        live.setSpec(given.getSpec());
        live.getMetadata().setLabels(meta.getLabels());
        live.getMetadata().setAnnotations(meta.getAnnotations());
        return runs.resource(live).update();
      });
      return replaced == null ? RunApiAnswer.problem(404, "Not Found", "WorkflowRun " + namespace + "/" + name
          + " not found") : RunApiAnswer.ok(200, SERIALIZATION.convertValue(replaced, JsonNode.class));
    } catch (StaleReplace e) {
      return RunApiAnswer.problem(409, "Conflict", "metadata.resourceVersion: the run changed since it was read (now "
          + e.current + "); read it again and retry");
    } catch (KubernetesClientException e) {
      if (e.getCode() == 400 || e.getCode() == 422) {
        return RunApiAnswer.problem(422, "Unprocessable Entity", e.getStatus() != null
            && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage());
      }
      throw e;
    }
  }

  /** The body's resourceVersion is not the stored one: the caller asked for optimistic locking. */
  private static final class StaleReplace extends RuntimeException {
    final String current;

    StaleReplace(String current) {
      super("stale resourceVersion", null, false, false);
      this.current = current;
    }
  }

  /**
   * {@code DELETE .../workflowruns/{run}}: 204; the run's build-plane objects go with it (finalize).
   * Allowed to whoever may delete the run.
   */
  public RunApiAnswer delete(String authorization, String namespace, String name) {
    Gate gate = gate(authorization, "delete", namespace, nameProblems(namespace, name));
    if (gate instanceof Stop stop) {
      return stop.answer();
    }
    var deleted = client.resources(WorkflowRun.class).inNamespace(namespace).withName(name).delete();
    return deleted == null || deleted.isEmpty()
        ? RunApiAnswer.problem(404, "Not Found", "WorkflowRun " + namespace + "/" + name + " not found")
        : RunApiAnswer.empty(204);
  }

  /** {@code POST .../workflowruns/{run}/cancel}: allowed to whoever may update the run. */
  public RunApiAnswer cancel(String authorization, String namespace, String name) {
    Gate gate = gate(authorization, "update", namespace, nameProblems(namespace, name));
    if (gate instanceof Stop stop) {
      return stop.answer();
    }
    RunOperationResult result = cancel.cancel(new RunKey(namespace, name), ((Pass) gate).user());
    return answer(result, 200);
  }

  /** {@code POST .../workflowruns/{run}/rerun}: allowed to whoever may create runs there; 201 with the new run. */
  public RunApiAnswer rerun(String authorization, String namespace, String name) {
    Gate gate = gate(authorization, "create", namespace, nameProblems(namespace, name));
    if (gate instanceof Stop stop) {
      return stop.answer();
    }
    RunOperationResult result = rerun.rerun(new RunKey(namespace, name), ((Pass) gate).user());
    return answer(result, 201);
  }

  private RunApiAnswer answer(RunOperationResult result, int okStatus) {
    return switch (result.kind()) {
      case NOT_FOUND -> RunApiAnswer.problem(404, "Not Found", result.message());
      case CONFLICT -> RunApiAnswer.problem(409, "Conflict", result.message());
      case DONE -> {
        WorkflowRun run = client.resources(WorkflowRun.class).inNamespace(result.run().namespace())
            .withName(result.run().name()).get();
        yield run == null ? RunApiAnswer.problem(404, "Not Found", "WorkflowRun " + result.run() + " not found")
            : RunApiAnswer.ok(okStatus, SERIALIZATION.convertValue(run, JsonNode.class));
      }
    };
  }

  private RunApiAnswer withRun(String authorization, String verb, String namespace, String name,
      java.util.function.Function<WorkflowRun, RunApiAnswer> then) {
    return guarded.withRun(authorization, verb, namespace, name, then);
  }

  private Gate gate(String authorization, String verb, String namespace, Optional<RunApiAnswer> badInput) {
    return guarded.gate(authorization, verb, namespace, badInput);
  }

  private static Optional<RunApiAnswer> nameProblems(String namespace, String name) {
    return GuardedRuns.nameProblems(namespace, name);
  }

  private static Optional<RunApiAnswer> namespaceProblem(String namespace) {
    return GuardedRuns.namespaceProblem(namespace);
  }

  /**
   * 422 naming every parameter the Workflow's schema refuses (after its defaults), as render-dispatch
   * would fail the run; empty when the parameters pass or the schema itself cannot be read (dispatch
   * then says why).
   */
  private static Optional<RunApiAnswer> parameterViolations(dev.wfrun.core.render.ResolvedWorkflow workflow,
      WorkflowRun run) {
    java.util.List<dev.wfrun.core.schema.Violation> violations;
    try {
      dev.wfrun.core.schema.ParameterSchema schema = dev.wfrun.core.schema.ParameterSchema.of(workflow.spec());
      violations = schema.validate(dev.wfrun.core.render.RunParameters.defaulted(schema,
          run.getSpec().workflow().parameters()));
    } catch (RuntimeException unreadableSchema) {
      return Optional.empty();
    }
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(RunApiAnswer.problem(422, "Unprocessable Entity", violations.stream()
        .map(v -> v.under("spec.workflow.parameters")).map(v -> v.path() + ": " + v.reason())
        .collect(java.util.stream.Collectors.joining("; "))));
  }

  /**
   * Why a run that has not started running waits: its WorkflowCompleted reason and message, or, before
   * any condition, that render-dispatch has not seen it yet. Empty once it runs or has finished.
   */
  static Optional<String> waiting(WorkflowRun run) {
    var status = run.getStatus();
    if (status == null || status.conditions() == null || status.conditions().isEmpty()) {
      return Optional.of("WaitingForDispatch: render-dispatch has not seen the run yet");
    }
    if (dev.wfrun.core.status.RunPhase.isCompleted(status.conditions())
        || dev.wfrun.core.status.Conditions.isTrue(status.conditions(), dev.wfrun.core.status.RunConditions.RUNNING)
        || (status.tasks() != null && !status.tasks().isEmpty())) {
      return Optional.empty();
    }
    return dev.wfrun.core.status.Conditions.find(status.conditions(), dev.wfrun.core.status.RunConditions.COMPLETED)
        .map(c -> c.getReason() + ": " + c.getMessage());
  }

  static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
