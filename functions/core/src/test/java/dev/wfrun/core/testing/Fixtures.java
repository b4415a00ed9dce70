package dev.wfrun.core.testing;

import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.SecretReference;
import dev.wfrun.api.v1alpha1.SecretReferenceSpec;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.render.SecretReferenceLookup;
import dev.wfrun.core.yaml.ManifestReader;
import java.util.Optional;

/** Typed sample objects for tests. */
public final class Fixtures {
  public static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Fixtures() {}

  public static ResolvedWorkflow dockerWorkflow() {
    return ResolvedWorkflow.of(as(Repo.sample("docker-build/workflow-docker.yaml").node(), Workflow.class));
  }

  public static WorkflowRun run(String sample) {
    return as(Repo.sample(sample).node(), WorkflowRun.class);
  }

  /** A run parsed from inline YAML. */
  public static WorkflowRun runYaml(String yaml) {
    return as(ManifestReader.parse("test", yaml).get(0).node(), WorkflowRun.class);
  }

  public static ResolvedWorkflow workflowYaml(String yaml) {
    return ResolvedWorkflow.of(as(ManifestReader.parse("test", yaml).get(0).node(), Workflow.class));
  }

  public static SecretReferenceLookup githubCredentials() {
    SecretReference ref = as(Repo.sample("docker-build/secretreference-github-credentials.yaml").node(),
        SecretReference.class);
    return (namespace, name) -> "default".equals(namespace) && ref.getMetadata().getName().equals(name)
        ? Optional.<SecretReferenceSpec>of(ref.getSpec())
        : Optional.empty();
  }

  public static <T> T as(JsonNode node, Class<T> type) {
    try {
      return JSON.treeToValue(node, type);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The sample docker Workflow without its parameter patterns (to reach what the patterns would stop first). */
  public static ResolvedWorkflow dockerWorkflowWithoutPatterns() {
    return workflowYaml(dev.wfrun.core.yaml.ManifestWriter.yaml(Repo.sample("docker-build/workflow-docker.yaml").node())
        .replaceAll("pattern=\\S+ ", ""));
  }

  /** Auto-build lookups that know these Components and answer every Workflow name with {@code workflow}. */
  public static dev.wfrun.core.webhook.AutoBuildLookups lookups(List<dev.wfrun.api.v1alpha1.Component> components,
      ResolvedWorkflow workflow) {
    return new dev.wfrun.core.webhook.AutoBuildLookups() {
      @Override
      public List<dev.wfrun.api.v1alpha1.Component> components() {
        return components;
      }

      @Override
      public java.util.Optional<ResolvedWorkflow> workflow(String namespace, String name) {
        return java.util.Optional.of(workflow);
      }

      @Override
      public java.util.Optional<ResolvedWorkflow> clusterWorkflow(String name) {
        return java.util.Optional.of(workflow);
      }
    };
  }
}
