package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a (Cluster)ComponentType's spec that builds read; the rest is kept verbatim.
 *
 * @param workloadType deployment, statefulset, cronjob, job or proxy
 * @param allowedWorkflows the workflows components of this type may use (empty: none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentTypeSpec(
    String workloadType,
    List<AllowedWorkflow> allowedWorkflows,
    @JsonIgnore Map<String, Object> additionalProperties) {

  @JsonCreator
  public ComponentTypeSpec(
      @JsonProperty("workloadType") String workloadType,
      @JsonProperty("allowedWorkflows") List<AllowedWorkflow> allowedWorkflows) {
    this(workloadType, allowedWorkflows, new LinkedHashMap<>());
  }

  @JsonAnyGetter
  public Map<String, Object> additional() {
    return additionalProperties;
  }

  @JsonAnySetter
  void putAdditional(String name, Object value) {
    additionalProperties.put(name, value);
  }

  /** An allowed workflow; {@code kind} defaults to ClusterWorkflow. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AllowedWorkflow(String kind, String name) {}
}
