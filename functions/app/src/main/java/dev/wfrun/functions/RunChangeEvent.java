package dev.wfrun.functions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wfrun.core.cluster.RunKey;
import java.util.Map;

/**
 * The data of a WorkflowRun ApiServerSource event in Resource mode: only the run's namespace, name
 * and labels are read (queue-advance reads the run fresh). A body without them fails to decode (400).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunChangeEvent(RunKey run, Map<String, String> labels) {

  @JsonCreator
  public static RunChangeEvent of(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata) {
    if (!"WorkflowRun".equals(kind) || metadata == null || metadata.name() == null || metadata.namespace() == null) {
      throw new InvalidEventException("not a WorkflowRun: kind, metadata.namespace and metadata.name are required");
    }
    RunKey key;
    try {
      key = new RunKey(metadata.namespace(), metadata.name());
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException("metadata: " + e.getMessage());
    }
    return new RunChangeEvent(key, metadata.labels() == null ? Map.of() : Map.copyOf(metadata.labels()));
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Metadata(String namespace, String name, Map<String, String> labels) {}
}
