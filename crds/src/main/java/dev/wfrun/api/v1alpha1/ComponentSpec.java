package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a Component's spec that builds read; every other field is kept verbatim.
 *
 * @param owner the owning project
 * @param componentType {@code deployment/web-app}-style type reference
 * @param workflow the build workflow and its parameters
 * @param autoBuild whether git pushes build it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentSpec(
    Owner owner,
    ComponentTypeRef componentType,
    ComponentWorkflow workflow,
    Boolean autoBuild,
    Boolean autoDeploy,
    @JsonIgnore Map<String, Object> additionalProperties) {

  @JsonCreator
  public ComponentSpec(
      @JsonProperty("owner") Owner owner,
      @JsonProperty("componentType") ComponentTypeRef componentType,
      @JsonProperty("workflow") ComponentWorkflow workflow,
      @JsonProperty("autoBuild") Boolean autoBuild,
      @JsonProperty("autoDeploy") Boolean autoDeploy) {
    this(owner, componentType, workflow, autoBuild, autoDeploy, new LinkedHashMap<>());
  }

  @JsonAnyGetter
  public Map<String, Object> additional() {
    return additionalProperties;
  }

  @JsonAnySetter
  void putAdditional(String name, Object value) {
    additionalProperties.put(name, value);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Owner(String projectName) {}

  /** Reference to a ComponentType ({@code kind} defaults to ComponentType). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ComponentTypeRef(String kind, String name) {}

  /** {@code spec.workflow} of a Component (kind defaults to ClusterWorkflow). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ComponentWorkflow(String kind, String name, JsonNode parameters) {}
}
