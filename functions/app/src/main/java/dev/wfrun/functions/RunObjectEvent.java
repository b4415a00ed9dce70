package dev.wfrun.functions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.core.cluster.RunKey;
import java.util.Map;

/**
 * The data of a build-plane ApiServerSource event in Resource mode: an engine's run object (an Argo
 * Workflow), of which only its type, name and ownership labels are read; status-sync then reads both
 * objects fresh. An object without wfrun's labels fails to decode (400).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunObjectEvent(RunKey run, ResourceReference object) {

  @JsonCreator
  public static RunObjectEvent of(@JsonProperty("apiVersion") String apiVersion, @JsonProperty("kind") String kind,
      @JsonProperty("metadata") Metadata metadata) {
    Map<String, String> labels = metadata == null || metadata.labels() == null ? Map.of() : metadata.labels();
    String name = labels.get(OpenChoreo.LABEL_WORKFLOWRUN);
    String namespace = labels.get(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE);
    if (name == null || namespace == null) {
      throw new InvalidEventException("not a wfrun run object: labels " + OpenChoreo.LABEL_WORKFLOWRUN
          + " and " + OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE + " are required");
    }
    return new RunObjectEvent(new RunKey(namespace, name),
        new ResourceReference(apiVersion, kind, metadata.name(), metadata.namespace()));
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Metadata(String namespace, String name, Map<String, String> labels) {}
}
