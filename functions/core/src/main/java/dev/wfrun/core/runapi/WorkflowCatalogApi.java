package dev.wfrun.core.runapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import dev.wfrun.core.access.CallerAccess;
import dev.wfrun.core.naming.NameRules;
import dev.wfrun.core.runapi.CallerGate.Gate;
import dev.wfrun.core.runapi.CallerGate.Stop;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.schema.SchemaException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a developer may run: {@code GET /api/v1/namespaces/{ns}/workflows[/{name}][/schema]} and
 * {@code GET /api/v1/clusterworkflows[/{name}][/schema]}, for whoever may list or get them (the
 * cluster's RBAC decides). {@code /schema} is the parameter JSON Schema (from {@code openAPIV3Schema}
 * or the shorthand) a UI builds its form from.
 */
public final class WorkflowCatalogApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesClient client;
  private final CallerGate callers;

  public WorkflowCatalogApi(KubernetesClient client) {
    this.client = client;
    this.callers = new CallerGate(client);
  }

  /** {@code GET /api/v1/namespaces/{ns}/workflows?limit=&cursor=}. */
  public RunApiAnswer listWorkflows(String authorization, String namespace, String limit, String cursor) {
    Optional<RunApiAnswer> bad = namespaceProblem(namespace).or(() -> PageLimit.problem(limit));
    return guarded(authorization, "list", "workflows", namespace, bad, () -> page(client.resources(Workflow.class)
        .inNamespace(namespace).list(options(limit, cursor))));
  }

  /** {@code GET /api/v1/clusterworkflows?limit=&cursor=}. */
  public RunApiAnswer listClusterWorkflows(String authorization, String limit, String cursor) {
    return guarded(authorization, "list", "clusterworkflows", null, PageLimit.problem(limit),
        () -> page(client.resources(ClusterWorkflow.class).list(options(limit, cursor))));
  }

  /** The ClusterWorkflowPlanes, for whoever may list them cluster-wide (the console's planes page). */
  public RunApiAnswer listClusterWorkflowPlanes(String authorization) {
    return guarded(authorization, "list", "clusterworkflowplanes", null, Optional.empty(),
        () -> page(client.resources(dev.wfrun.api.v1alpha1.ClusterWorkflowPlane.class).list(options(null, null))));
  }

  /** The namespace's WorkflowPlanes, for whoever may list them there. */
  public RunApiAnswer listWorkflowPlanes(String authorization, String namespace) {
    return guarded(authorization, "list", "workflowplanes", namespace, namespaceProblem(namespace),
        () -> page(client.resources(dev.wfrun.api.v1alpha1.WorkflowPlane.class).inNamespace(namespace)
            .list(options(null, null))));
  }

  /** {@code GET /api/v1/namespaces/{ns}/workflows/{name}}. */
  public RunApiAnswer getWorkflow(String authorization, String namespace, String name) {
    return guarded(authorization, "get", "workflows", namespace, nameProblems(namespace, name),
        () -> one(client.resources(Workflow.class).inNamespace(namespace).withName(name).get(),
            "Workflow " + namespace + "/" + name, w -> SERIALIZATION.convertValue(w, JsonNode.class)));
  }

  /** {@code GET /api/v1/clusterworkflows/{name}}. */
  public RunApiAnswer getClusterWorkflow(String authorization, String name) {
    return guarded(authorization, "get", "clusterworkflows", null, nameProblem(name),
        () -> one(client.resources(ClusterWorkflow.class).withName(name).get(), "ClusterWorkflow " + name,
            w -> SERIALIZATION.convertValue(w, JsonNode.class)));
  }

  /** {@code GET /api/v1/namespaces/{ns}/workflows/{name}/schema}. */
  public RunApiAnswer workflowSchema(String authorization, String namespace, String name) {
    return guarded(authorization, "get", "workflows", namespace, nameProblems(namespace, name),
        () -> schemaOf(client.resources(Workflow.class).inNamespace(namespace).withName(name).get(),
            "Workflow " + namespace + "/" + name));
  }

  /** {@code GET /api/v1/clusterworkflows/{name}/schema}. */
  public RunApiAnswer clusterWorkflowSchema(String authorization, String name) {
    return guarded(authorization, "get", "clusterworkflows", null, nameProblem(name),
        () -> schemaOf(client.resources(ClusterWorkflow.class).withName(name).get(), "ClusterWorkflow " + name));
  }

  private RunApiAnswer guarded(String authorization, String verb, String resource, String namespace,
      Optional<RunApiAnswer> badInput, Supplier<RunApiAnswer> then) {
    Gate gate = callers.check(authorization, CallerAccess.Request.of(verb, OpenChoreo.GROUP, resource, namespace),
        badInput);
    return gate instanceof Stop stop ? stop.answer() : then.get();
  }

  private static <T extends HasMetadata> RunApiAnswer page(KubernetesResourceList<T> list) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    list.getItems().forEach(item -> items.add(SERIALIZATION.convertValue(item, JsonNode.class)));
    String next = list.getMetadata() == null ? null : list.getMetadata().getContinue();
    if (next != null && !next.isEmpty()) {
      body.put("nextCursor", next);
    }
    return RunApiAnswer.ok(200, body);
  }

  private static <T> RunApiAnswer one(T found, String what, Function<T, JsonNode> body) {
    return found == null ? RunApiAnswer.problem(404, "Not Found", what + " not found")
        : RunApiAnswer.ok(200, body.apply(found));
  }

  private static RunApiAnswer schemaOf(io.fabric8.kubernetes.client.CustomResource<WorkflowSpec, ?> workflow,
      String what) {
    if (workflow == null) {
      return RunApiAnswer.problem(404, "Not Found", what + " not found");
    }
    try {
      JsonNode schema = ParameterSchema.of(workflow.getSpec()).jsonSchema();
      // no declared schema: the run's parameters pass through as they are, which is this schema
      return RunApiAnswer.ok(200, schema != null ? schema
          : JSON.createObjectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true));
    } catch (SchemaException | IllegalArgumentException e) {
      return RunApiAnswer.problem(422, "Unprocessable Entity", what + ": its parameter schema is invalid: "
          + e.getMessage());
    }
  }

  private static io.fabric8.kubernetes.api.model.ListOptions options(String limit, String cursor) {
    return new ListOptionsBuilder().withLimit((long) PageLimit.of(limit))
        .withContinue(cursor == null || cursor.isEmpty() ? null : cursor).build();
  }

  private static Optional<RunApiAnswer> nameProblems(String namespace, String name) {
    return namespaceProblem(namespace).or(() -> nameProblem(name));
  }

  private static Optional<RunApiAnswer> nameProblem(String name) {
    return NameRules.objectNameProblem(name).map(p -> RunApiAnswer.problem(400, "Bad Request", "name: " + p));
  }

  private static Optional<RunApiAnswer> namespaceProblem(String namespace) {
    return GuardedRuns.namespaceProblem(namespace);
  }
}
