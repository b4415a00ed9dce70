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

  public WorkloadApiResult write(String namespace, String project, String component, byte[] body) {
    Component owner = client.resources(Component.class).inNamespace(namespace).withName(component).get();
    if (owner == null || owner.getSpec() == null || owner.getSpec().owner() == null
        || !project.equals(owner.getSpec().owner().projectName())) {
      return WorkloadApiResult.problem(404, "Not Found",
          "component \"" + component + "\" of project \"" + project + "\" not found in namespace \"" + namespace + "\"");
    }
    ObjectNode object;
    try {
      JsonNode parsed = JSON.readTree(body);
      if (parsed == null || !parsed.isObject()) {
        return WorkloadApiResult.problem(400, "Bad Request", "body: expected a Workload JSON object");
      }
      object = (ObjectNode) parsed;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return WorkloadApiResult.problem(400, "Bad Request", "body: not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return WorkloadApiResult.problem(400, "Bad Request", "body: unreadable: " + e.getMessage());
    }
    String expectedName = component + "-workload";
    ObjectNode metadata = object.withObjectProperty("metadata");
    String name = metadata.path("name").asText(expectedName);
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
    object.put("apiVersion", OpenChoreo.API_VERSION).put("kind", Workload.KIND);
    metadata.put("name", name).put("namespace", namespace);
    List<Violation> violations = schema.validate(object);
    if (!violations.isEmpty()) {
      return WorkloadApiResult.problem(400, "Bad Request", violations.stream()
          .map(v -> v.path() + ": " + v.reason()).collect(Collectors.joining("; ")));
    }
    Workload workload = Serialization.unmarshal(object.toString(), Workload.class);
    var workloads = client.resources(Workload.class).inNamespace(namespace);
    Workload live = workloads.withName(name).get();
    if (live == null) {
      return new WorkloadApiResult(201, "Created", "created " + namespace + "/" + name,
          workloads.resource(workload).create());
    }
    live.setSpec(workload.getSpec());
    return new WorkloadApiResult(200, "Updated", "updated " + namespace + "/" + name, workloads.resource(live).update());
  }
}
