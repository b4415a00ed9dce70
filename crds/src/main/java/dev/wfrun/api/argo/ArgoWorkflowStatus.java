package dev.wfrun.api.argo;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Argo Workflow status fields wfrun reads; unread fields are kept so nothing is lost on a
 * read-modify-write.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArgoWorkflowStatus {
  private String phase;
  private String startedAt;
  private String finishedAt;
  private String message;
  private Map<String, Node> nodes;
  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Map<String, Node> getNodes() {
    return nodes;
  }

  public void setNodes(Map<String, Node> nodes) {
    this.nodes = nodes;
  }

  @JsonAnyGetter
  public Map<String, Object> getAdditionalProperties() {
    return additionalProperties;
  }

  @JsonAnySetter
  public void setAdditionalProperty(String name, Object value) {
    additionalProperties.put(name, value);
  }

  /** One node of the workflow graph (Pod, Steps, StepGroup, DAG, Retry ...). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Node {
    private String id;
    private String name;
    private String displayName;
    private String type;
    private String phase;
    private String startedAt;
    private String finishedAt;
    private String message;
    private Outputs outputs;
    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getDisplayName() {
      return displayName;
    }

    public void setDisplayName(String displayName) {
      this.displayName = displayName;
    }

    public String getType() {
      return type;
    }

    public void setType(String type) {
      this.type = type;
    }

    public String getPhase() {
      return phase;
    }

    public void setPhase(String phase) {
      this.phase = phase;
    }

    public String getStartedAt() {
      return startedAt;
    }

    public void setStartedAt(String startedAt) {
      this.startedAt = startedAt;
    }

    public String getFinishedAt() {
      return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
      this.finishedAt = finishedAt;
    }

    public String getMessage() {
      return message;
    }

    public void setMessage(String message) {
      this.message = message;
    }

    public Outputs getOutputs() {
      return outputs;
    }

    public void setOutputs(Outputs outputs) {
      this.outputs = outputs;
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

  /** A node's outputs; only {@code parameters} is read (for {@code workload-cr}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Outputs {
    private List<Parameter> parameters;
    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    public List<Parameter> getParameters() {
      return parameters;
    }

    public void setParameters(List<Parameter> parameters) {
      this.parameters = parameters;
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

  /** An output parameter; {@code valueFrom} and the rest are kept verbatim. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Parameter {
    private String name;
    private String value;
    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getValue() {
      return value;
    }

    public void setValue(String value) {
      this.value = value;
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
}
