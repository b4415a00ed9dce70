package dev.wfrun.functions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.core.cluster.RunKey;
import java.util.Map;

/**
 * The data of a build-plane ApiServerSource event in Resource mode: an Argo Workflow, of which only
 * its name and ownership labels are read; status-sync then reads both objects fresh. An Argo Workflow
 * without wfrun's labels fails to decode (400).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArgoObject(RunKey run, String namespace, String name) {

  @JsonCreator
  public static ArgoObject of(@JsonProperty("metadata") Metadata metadata) {
    Map<String, String> labels = metadata == null || metadata.labels() == null ? Map.of() : metadata.labels();
    String name = labels.get(OpenChoreo.LABEL_WORKFLOWRUN);
    String namespace = labels.get(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE);
    if (name == null || namespace == null) {
      throw new InvalidEventException("not a wfrun Argo Workflow: labels " + OpenChoreo.LABEL_WORKFLOWRUN
          + " and " + OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE + " are required");
    }
    return new ArgoObject(new RunKey(namespace, name), metadata.namespace(), metadata.name());
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Metadata(String namespace, String name, Map<String, String> labels) {}
}
