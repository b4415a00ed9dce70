package dev.wfrun.functions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wfrun.core.cluster.RunKey;

/**
 * The data of an ApiServerSource event in Reference mode. An event without a namespace and name
 * can never be handled: it fails to decode, and Funqy answers 400 (not retried).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

  @JsonCreator
  public ObjectRef(
      @JsonProperty("apiVersion") String apiVersion,
      @JsonProperty("kind") String kind,
      @JsonProperty("namespace") String namespace,
      @JsonProperty("name") String name) {
    if (namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
      throw new InvalidEventException("event data must name the object: namespace and name are required");
    }
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
  }

  RunKey runKey() {
    return new RunKey(namespace, name);
  }
}
