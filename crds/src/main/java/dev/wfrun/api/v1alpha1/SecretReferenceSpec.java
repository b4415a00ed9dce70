package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Spec of a SecretReference: which remote keys make up the secret, and its type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretReferenceSpec(
    TargetPlane targetPlane, Template template, List<DataItem> data, String refreshInterval) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TargetPlane(String kind, String name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Template(String type, TemplateMetadata metadata) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TemplateMetadata(Map<String, String> annotations, Map<String, String> labels) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DataItem(String secretKey, RemoteRef remoteRef) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RemoteRef(String key, String property, String version) {}
}
