package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Spec of a Workflow or ClusterWorkflow.
 *
 * @param workflowPlaneRef where runs execute (default: ClusterWorkflowPlane "default")
 * @param parameters the live parameter schema ({@code openAPIV3Schema})
 * @param schema the seed documents' shorthand schema ({@code schema.parameters}, {@code schema.types})
 * @param runTemplate the Argo Workflow with {@code ${...}} expressions (free-form)
 * @param resources extra resources rendered alongside the run
 * @param externalRefs CRs resolved at run time and exposed to CEL
 * @param ttlAfterCompletion delete runs this long after completion ({@code 1d12h30m15s})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowSpec(
    PlaneRef workflowPlaneRef,
    SchemaSection parameters,
    ShorthandSchema schema,
    JsonNode runTemplate,
    List<WorkflowResource> resources,
    List<ExternalRef> externalRefs,
    String ttlAfterCompletion) {

  /** A Workflow's or ClusterWorkflow's reference to the plane its runs execute on. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PlaneRef(String kind, String name) {}

  /** {@code spec.parameters}: the OpenAPI v3 schema of the run parameters. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SchemaSection(JsonNode openAPIV3Schema) {}

  /** {@code spec.schema}: the shorthand form, {@code url: string | default=main}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ShorthandSchema(JsonNode types, JsonNode parameters) {}

  /** An extra resource rendered with the run, optionally guarded by {@code includeWhen}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WorkflowResource(String id, String includeWhen, JsonNode template) {}

  /** A CR (SecretReference) resolved at run time and exposed as {@code externalRefs['id']}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExternalRef(String id, String apiVersion, String kind, String name) {}
}
