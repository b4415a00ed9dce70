package dev.wfrun.core.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.yaml.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wfrun workload create} (upstream {@code occ workload create}): the Workload CR for a built
 * image, from an optional workload descriptor. The mapping is upstream's {@code converter.go}: the
 * name is always {@code <component>-workload}; endpoints become {@code spec.endpoints[name]} with
 * schema files inlined; {@code configurations.env/files} become {@code container.env/files};
 * dependencies are copied after their required fields are checked.
 */
public final class WorkloadConverter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> VISIBILITIES = List.of("project", "namespace", "internal", "external");
  private static final Map<String, String> ENDPOINT_TYPES = Map.of(
      "http", "HTTP", "rest", "HTTP", "grpc", "gRPC", "graphql", "GraphQL", "websocket", "Websocket",
      "tcp", "TCP", "udp", "UDP");

  /** Who the Workload belongs to and what was built. */
  public record Target(String namespace, String project, String component, String image) {
    public Target {
      require(namespace, "--namespace");
      require(project, "--project");
      require(component, "--component");
      require(image, "--image");
    }

    private static void require(String value, String flag) {
      if (value == null || value.isBlank()) {
        throw new WorkloadDescriptorException(flag + ": required, must not be empty");
      }
    }
  }

  private WorkloadConverter() {}

  /** The Workload for the target, shaped by the descriptor file when there is one. */
  public static ObjectNode convert(Target target, Optional<Path> descriptorFile) {
    JsonNode descriptor = descriptorFile.map(WorkloadConverter::read).orElse(NODES.objectNode());
    Path base = descriptorFile.map(p -> p.toAbsolutePath().getParent()).orElse(Path.of("."));
    return convert(target, descriptor, base);
  }

  /** The Workload for the target; files the descriptor names are read relative to {@code base}. */
  public static ObjectNode convert(Target target, JsonNode descriptor, Path base) {
    ObjectNode workload = NODES.objectNode();
    workload.put("apiVersion", "openchoreo.dev/v1alpha1").put("kind", "Workload");
    workload.putObject("metadata").put("name", target.component() + "-workload").put("namespace", target.namespace());
    ObjectNode spec = workload.putObject("spec");
    spec.putObject("owner").put("projectName", target.project()).put("componentName", target.component());
    ObjectNode container = spec.putObject("container").put("image", target.image());
    JsonNode configurations = descriptor.path("configurations");
    ArrayNode env = env(configurations.path("env"));
    if (!env.isEmpty()) {
      container.set("env", env);
    }
    ArrayNode files = files(configurations.path("files"), base);
    if (!files.isEmpty()) {
      container.set("files", files);
    }
    ObjectNode endpoints = endpoints(descriptor.path("endpoints"), base);
    if (!endpoints.isEmpty()) {
      spec.set("endpoints", endpoints);
    }
    ObjectNode dependencies = dependencies(descriptor.path("dependencies"));
    if (!dependencies.isEmpty()) {
      spec.set("dependencies", dependencies);
    }
    return workload;
  }

  private static JsonNode read(Path file) {
    try {
      JsonNode node = ManifestReader.YAML.readTree(Files.readString(file));
      if (node == null || !node.isObject()) {
        throw new WorkloadDescriptorException("descriptor " + file + ": must be a YAML mapping");
      }
      return node;
    } catch (IOException e) {
      throw new WorkloadDescriptorException("descriptor " + file + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static ObjectNode endpoints(JsonNode list, Path base) {
    ObjectNode out = NODES.objectNode();
    int i = 0;
    for (JsonNode e : list) {
      String at = "endpoints[" + i++ + "]";
      String name = text(e, "name", at);
      ObjectNode endpoint = out.putObject(name);
      String type = ENDPOINT_TYPES.get(text(e, "type", at).toLowerCase(Locale.ROOT));
      if (type == null) {
        throw new WorkloadDescriptorException(at + ".type: \"" + e.path("type").asText()
            + "\" is not one of HTTP, gRPC, GraphQL, Websocket, TCP, UDP");
      }
      endpoint.put("type", type);
      endpoint.put("port", port(e.path("port"), at + ".port", true));
      if (e.has("targetPort")) {
        endpoint.put("targetPort", port(e.path("targetPort"), at + ".targetPort", false));
      }
      ArrayNode visibility = NODES.arrayNode();
      for (JsonNode v : e.path("visibility")) {
        if (!VISIBILITIES.contains(v.asText())) {
          throw new WorkloadDescriptorException("invalid endpoint visibility \"" + v.asText() + "\" for endpoint \""
              + name + "\": must be one of [project, namespace, internal, external]");
        }
        visibility.add(v.asText());
      }
      if (!visibility.isEmpty()) {
        endpoint.set("visibility", visibility);
      }
      copyText(e, endpoint, "displayName");
      copyText(e, endpoint, "basePath");
      if (e.hasNonNull("schemaFile")) {
        String schemaType = switch (type) {
          case "HTTP" -> "openapi";
          case "gRPC" -> "proto";
          case "GraphQL" -> "graphql";
          default -> null;
        };
        String content = readRelative(base, e.get("schemaFile").asText(), at + ".schemaFile");
        ObjectNode schema = endpoint.putObject("schema");
        if (schemaType != null) {
          schema.put("type", schemaType);
        }
        schema.put("content", content);
      }
    }
    return out;
  }

  private static ArrayNode env(JsonNode list) {
    ArrayNode out = NODES.arrayNode();
    int i = 0;
    for (JsonNode e : list) {
      String at = "configurations.env[" + i++ + "]";
      ObjectNode var = out.addObject().put("key", text(e, "name", at));
      JsonNode secret = e.path("valueFrom").path("secretKeyRef");
      if (!secret.isMissingNode()) {
        var.putObject("valueFrom").set("secretKeyRef", secretKeyRef(secret, at + ".valueFrom.secretKeyRef"));
      } else if (e.has("value")) {
        var.put("value", e.get("value").asText());
      } else {
        throw new WorkloadDescriptorException(at + ": needs value or valueFrom.secretKeyRef");
      }
    }
    return out;
  }

  private static ArrayNode files(JsonNode list, Path base) {
    ArrayNode out = NODES.arrayNode();
    int i = 0;
    for (JsonNode f : list) {
      String at = "configurations.files[" + i++ + "]";
      ObjectNode file = out.addObject().put("key", text(f, "name", at)).put("mountPath", text(f, "mountPath", at));
      JsonNode from = f.path("valueFrom");
      if (from.has("secretKeyRef")) {
        file.putObject("valueFrom").set("secretKeyRef", secretKeyRef(from.get("secretKeyRef"), at + ".valueFrom.secretKeyRef"));
      } else if (from.has("path")) {
        file.put("value", readRelative(base, from.get("path").asText(), at + ".valueFrom.path"));
      } else if (f.has("value")) {
        file.put("value", f.get("value").asText());
      } else {
        throw new WorkloadDescriptorException(at + ": needs value, valueFrom.path or valueFrom.secretKeyRef");
      }
    }
    return out;
  }

  private static ObjectNode dependencies(JsonNode deps) {
    ObjectNode out = NODES.objectNode();
    ArrayNode endpoints = NODES.arrayNode();
    int i = 0;
    for (JsonNode d : deps.path("endpoints")) {
      String at = "dependencies.endpoints[" + i++ + "]";
      text(d, "component", at);
      text(d, "name", at);
      String visibility = text(d, "visibility", at);
      if (!visibility.equals("project") && !visibility.equals("namespace")) {
        throw new WorkloadDescriptorException(at + ".visibility: \"" + visibility + "\" is not one of project, namespace");
      }
      endpoints.add(d.deepCopy());
    }
    ArrayNode resources = NODES.arrayNode();
    i = 0;
    for (JsonNode r : deps.path("resources")) {
      text(r, "ref", "dependencies.resources[" + i++ + "]");
      resources.add(r.deepCopy());
    }
    if (!endpoints.isEmpty()) {
      out.set("endpoints", endpoints);
    }
    if (!resources.isEmpty()) {
      out.set("resources", resources);
    }
    return out;
  }

  private static ObjectNode secretKeyRef(JsonNode ref, String at) {
    return NODES.objectNode().put("name", text(ref, "name", at)).put("key", text(ref, "key", at));
  }

  private static int port(JsonNode value, String at, boolean required) {
    if (value.isMissingNode() && !required) {
      return 0;
    }
    if (!value.canConvertToInt() || value.asInt() < 1 || value.asInt() > 65535) {
      throw new WorkloadDescriptorException(at + ": must be a port number 1..65535, got " + value);
    }
    return value.asInt();
  }

  private static String text(JsonNode node, String field, String at) {
    JsonNode value = node.path(field);
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw new WorkloadDescriptorException(at + "." + field + ": required, must not be empty");
    }
    return value.asText();
  }

  private static void copyText(JsonNode from, ObjectNode to, String field) {
    if (from.hasNonNull(field)) {
      to.put(field, from.get(field).asText());
    }
  }

  private static String readRelative(Path base, String file, String at) {
    Path path = base.resolve(file).normalize();
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new WorkloadDescriptorException(at + ": cannot read " + path + ": " + firstLine(e.toString()), e);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
