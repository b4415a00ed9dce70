package dev.wfrun.core.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.template.TemplateValues;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/** Rendered objects (template values) as fabric8 generic resources. */
public final class GenericObjects {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
  private GenericObjects() {}

  public static GenericKubernetesResource of(Map<String, Object> rendered) {
    JsonNode json = TemplateValues.toJson(rendered);
    return SERIALIZATION.convertValue(json, GenericKubernetesResource.class);
  }
}
