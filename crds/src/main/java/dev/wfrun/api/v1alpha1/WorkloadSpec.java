package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Spec of a Workload.
 *
 * @param owner the project and component it belongs to (immutable)
 * @param container the image and its runtime settings
 * @param endpoints named endpoints the component exposes
 * @param dependencies endpoints and resources it consumes (kept free-form)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadSpec(
    Owner owner,
    Container container,
    Map<String, Endpoint> endpoints,
    JsonNode dependencies) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Owner(String projectName, String componentName) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Container(
      String image,
      List<String> command,
      List<String> args,
      List<EnvVar> env,
      List<FileVar> files) {}

  /** An environment variable: {@code value} or {@code valueFrom}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EnvVar(String key, String value, JsonNode valueFrom) {}

  /** A file mounted into the container: {@code value} or {@code valueFrom}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FileVar(String key, String mountPath, String value, JsonNode valueFrom) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Endpoint(
      String type,
      Integer port,
      Integer targetPort,
      List<String> visibility,
      String displayName,
      String basePath,
      EndpointSchema schema) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EndpointSchema(String type, String content) {}
}
