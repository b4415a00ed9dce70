package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Status of kinds whose status wfrun only reads: the conditions, and every other field kept as
 * is so that a read-modify-write never drops what another controller wrote.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GenericStatus {
  private List<Condition> conditions;
  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @JsonAnyGetter
  public Map<String, Object> getAdditionalProperties() {
    return additionalProperties;
  }

  @JsonAnySetter
  public void setAdditionalProperty(String name, Object value) {
    additionalProperties.put(name, value);
  }
}
