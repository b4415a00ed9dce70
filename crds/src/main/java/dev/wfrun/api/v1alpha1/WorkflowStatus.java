package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Status of a Workflow/ClusterWorkflow (upstream never writes it). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowStatus(List<Condition> conditions) {}
