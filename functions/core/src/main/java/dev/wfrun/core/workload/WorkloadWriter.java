package dev.wfrun.core.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.Workload;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.validation.CrdCatalog;
import dev.wfrun.core.validation.CrdSchema;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Creates or updates a Component's Workload from a JSON body, as {@code occ workload create} sends
 * it: name defaults to {@code <component>-workload}, namespace and owner come from the path, and the
 * object is validated against the Workload CRD before anything is written.
 */
public final class WorkloadWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final CrdSchema schema;

  public WorkloadWriter(KubernetesClient client) {
    this(client, CrdCatalog.standard());
  }

  WorkloadWriter(KubernetesClient client, CrdCatalog crds) {
    this.client = client;
    this.schema = crds.forKind(Workload.KIND).orElseThrow();
  }

  /**
   * The seed path: the Component's Workload ({@code <component>-workload}) from a body whose owner, if
   * given, must match the path; created, or its spec replaced.
   */
  public WorkloadApiResult write(String namespace, String project, String component, byte[] body) {
    Parsed parsed = parse(body);
    if (parsed.problem() != null) {
      return parsed.problem();
    }
    ObjectNode object = parsed.object();
    String expectedName = component + "-workload";
    String name = object.path("metadata").path("name").asText(expectedName);
    if (!name.equals(expectedName)) {
      return WorkloadApiResult.problem(400, "Bad Request",
          "metadata.name: a component's Workload is named \"" + expectedName + "\", got \"" + name + "\"");
    }
    JsonNode spec = object.path("spec");
    if (spec.isObject()) {
      JsonNode givenOwner = spec.path("owner");
      for (String[] field : new String[][] {{"projectName", project}, {"componentName", component}}) {
        if (givenOwner.has(field[0]) && !givenOwner.path(field[0]).asText().equals(field[1])) {
          return WorkloadApiResult.problem(400, "Bad Request", "spec.owner." + field[0] + ": must be \"" + field[1]
              + "\" (from the path), got \"" + givenOwner.path(field[0]).asText() + "\"");
        }
      }
      ((ObjectNode) spec).withObjectProperty("owner").put("projectName", project).put("componentName", component);
    }
    Prepared prepared = prepare(namespace, project, component, name, object);
    if (prepared.problem() != null) {
      return prepared.problem();
    }
    var workloads = client.resources(Workload.class).inNamespace(namespace);
    Workload live = workloads.withName(name).get();
    if (live == null) {
      return new WorkloadApiResult(201, "Created", "created " + namespace + "/" + name,
          workloads.resource(prepared.workload()).create());
    }
    live.setSpec(prepared.workload().getSpec());
    return new WorkloadApiResult(200, "Updated", "updated " + namespace + "/" + name, workloads.resource(live).update());
  }

  /**
   * Upstream's current {@code POST /api/v1/namespaces/{ns}/workloads}: a Workload whose
   * {@code spec.owner} names its project and component (a Component of this namespace); its name
   * defaults to {@code <component>-workload}; 409 when it exists (the caller then PUTs it).
   */
  public WorkloadApiResult create(String namespace, byte[] body) {
    Parsed parsed = parse(body);
    if (parsed.problem() != null) {
      return parsed.problem();
    }
    ObjectNode object = parsed.object();
    Owner owner = ownerOf(object);
    if (owner.problem() != null) {
      return owner.problem();
    }
    String name = object.path("metadata").path("name").asText(owner.component() + "-workload");
    Prepared prepared = prepare(namespace, owner.project(), owner.component(), name, object);
    if (prepared.problem() != null) {
      return prepared.problem();
    }
    var workloads = client.resources(Workload.class).inNamespace(namespace);
    if (workloads.withName(name).get() != null) {
      return WorkloadApiResult.problem(409, "Conflict", "Workload " + namespace + "/" + name
          + " already exists; PUT /api/v1/namespaces/" + namespace + "/workloads/" + name + " replaces it");
    }
    try {
      return new WorkloadApiResult(201, "Created", "created " + namespace + "/" + name,
          workloads.resource(prepared.workload()).create());
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() == 409) {
        return WorkloadApiResult.problem(409, "Conflict", "Workload " + namespace + "/" + name + " already exists");
      }
      throw e;
    }
  }

  /** Upstream's {@code PUT /api/v1/namespaces/{ns}/workloads/{name}}: replaces an existing Workload's spec (404 if none). */
  public WorkloadApiResult replace(String namespace, String name, byte[] body) {
    Parsed parsed = parse(body);
    if (parsed.problem() != null) {
      return parsed.problem();
    }
    ObjectNode object = parsed.object();
    String given = object.path("metadata").path("name").asText(name);
    if (!given.equals(name)) {
      return WorkloadApiResult.problem(400, "Bad Request", "metadata.name: \"" + given
          + "\" does not match the path's name \"" + name + "\"");
    }
    Owner owner = ownerOf(object);
    if (owner.problem() != null) {
      return owner.problem();
    }
    Prepared prepared = prepare(namespace, owner.project(), owner.component(), name, object);
    if (prepared.problem() != null) {
      return prepared.problem();
    }
    return dev.wfrun.core.kube.Conflicts.retry(() -> {
      var workloads = client.resources(Workload.class).inNamespace(namespace);
      Workload live = workloads.withName(name).get();
      if (live == null) {
        return WorkloadApiResult.problem(404, "Not Found", "Workload " + namespace + "/" + name
            + " not found; POST /api/v1/namespaces/" + namespace + "/workloads creates it");
      }
      live.setSpec(prepared.workload().getSpec());
      return new WorkloadApiResult(200, "Updated", "updated " + namespace + "/" + name,
          workloads.resource(live).update());
    });
  }

  /** The stored Workload, or null. */
  Workload read(String namespace, String name) {
    return client.resources(Workload.class).inNamespace(namespace).withName(name).get();
  }

  private record Parsed(ObjectNode object, WorkloadApiResult problem) {}

  private record Owner(String project, String component, WorkloadApiResult problem) {}

  private record Prepared(Workload workload, WorkloadApiResult problem) {}

  private static Parsed parse(byte[] body) {
    try {
      JsonNode parsed = JSON.readTree(body);
      if (parsed == null || !parsed.isObject()) {
        return new Parsed(null, WorkloadApiResult.problem(400, "Bad Request", "body: expected a Workload JSON object"));
      }
      return new Parsed((ObjectNode) parsed, null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return new Parsed(null, WorkloadApiResult.problem(400, "Bad Request", "body: not valid JSON: "
          + e.getOriginalMessage()));
    } catch (IOException e) {
      return new Parsed(null, WorkloadApiResult.problem(400, "Bad Request", "body: unreadable: " + e.getMessage()));
    }
  }

  private static Owner ownerOf(ObjectNode object) {
    JsonNode owner = object.path("spec").path("owner");
    for (String field : new String[] {"projectName", "componentName"}) {
      if (!owner.path(field).isTextual() || owner.path(field).asText().isEmpty()) {
        return new Owner(null, null, WorkloadApiResult.problem(400, "Bad Request",
            "spec.owner." + field + ": required (the Workload's Component and its project)"));
      }
    }
    return new Owner(owner.path("projectName").asText(), owner.path("componentName").asText(), null);
  }

  /** The owning Component must exist in that project; the object must pass the Workload CRD's schema. */
  private Prepared prepare(String namespace, String project, String component, String name, ObjectNode object) {
    Component owner = client.resources(Component.class).inNamespace(namespace).withName(component).get();
    if (owner == null || owner.getSpec() == null || owner.getSpec().owner() == null
        || !project.equals(owner.getSpec().owner().projectName())) {
      return new Prepared(null, WorkloadApiResult.problem(404, "Not Found",
          "component \"" + component + "\" of project \"" + project + "\" not found in namespace \"" + namespace + "\""));
    }
    object.put("apiVersion", OpenChoreo.API_VERSION).put("kind", Workload.KIND);
    object.withObjectProperty("metadata").put("name", name).put("namespace", namespace);
    List<Violation> violations = schema.validate(object);
    if (!violations.isEmpty()) {
      return new Prepared(null, WorkloadApiResult.problem(400, "Bad Request", violations.stream()
          .map(v -> v.path() + ": " + v.reason()).collect(Collectors.joining("; "))));
    }
    return new Prepared(Serialization.unmarshal(object.toString(), Workload.class), null);
  }
}
