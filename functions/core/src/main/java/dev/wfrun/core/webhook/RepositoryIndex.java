package dev.wfrun.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import dev.wfrun.core.render.RepositoryParameters;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.schema.SchemaException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The auto-build Components by normalised repository URL, with what matching a push needs already
 * worked out: where the Workflow keeps the repository fields, the branch to build (the Component's,
 * else the schema default), the app path and the provider its URL's host implies. Built once from
 * the lookups and reused until they change, so a delivery costs one map lookup and a check of the
 * Components of its own repository, not a scan and re-normalisation of every Component.
 */
public final class RepositoryIndex {
  /** One auto-build Component of a repository. */
  record Entry(Component component, Map<String, String> roles, Optional<GitProvider> host, String branch,
      String appPath) {}

  private final Map<String, List<Entry>> byUrl;

  private RepositoryIndex(Map<String, List<Entry>> byUrl) {
    this.byUrl = byUrl;
  }

  /** The Components of a normalised repository URL ({@link RepositoryUrls#normalize}), in lookup order. */
  List<Entry> of(String normalizedUrl) {
    return normalizedUrl.isEmpty() ? List.of() : byUrl.getOrDefault(normalizedUrl, List.of());
  }

  /** How many repositories have auto-build Components. */
  public int repositories() {
    return byUrl.size();
  }

  /**
   * Indexes every Component that can be built automatically: autoBuild on, a Workflow that exists
   * with unambiguous repository markers, an owner, and a repository URL at the url marker.
   */
  public static RepositoryIndex of(AutoBuildLookups lookups) {
    Map<String, List<Entry>> byUrl = new HashMap<>();
    Map<String, Optional<Workflow>> byWorkflow = new HashMap<>();
    for (Component component : lookups.components()) {
      var spec = component.getSpec();
      if (spec == null || !Boolean.TRUE.equals(spec.autoBuild()) || spec.workflow() == null
          || spec.workflow().name() == null || spec.workflow().name().isEmpty() || spec.owner() == null) {
        continue;
      }
      boolean cluster = ClusterWorkflow.KIND.equals(spec.workflow().kind());
      String namespace = component.getMetadata().getNamespace();
      String workflowKey = cluster ? "/" + spec.workflow().name() : namespace + "/" + spec.workflow().name();
      // one resolution per Workflow, however many Components use it
      Optional<Workflow> resolved = byWorkflow.computeIfAbsent(workflowKey, k -> Workflow.of(cluster
          ? lookups.clusterWorkflow(spec.workflow().name())
          : lookups.workflow(namespace, spec.workflow().name())));
      if (resolved.isEmpty()) {
        continue;
      }
      Map<String, String> roles = resolved.get().roles();
      JsonNode parameters = spec.workflow().parameters();
      String url = text(parameters, roles.get("url"));
      String normalized = RepositoryUrls.normalize(url);
      if (normalized.isEmpty()) {
        continue;
      }
      String branch = text(parameters, roles.get("branch"));
      if (branch.isEmpty() && roles.containsKey("branch")) {
        branch = resolved.get().branchDefault();
      }
      byUrl.computeIfAbsent(normalized, k -> new ArrayList<>()).add(new Entry(component, roles,
          GitProviders.ofRepository(url), branch, text(parameters, roles.get("app-path"))));
    }
    byUrl.replaceAll((url, entries) -> List.copyOf(entries));
    return new RepositoryIndex(Map.copyOf(byUrl));
  }

  /** A Workflow, where its schema keeps the repository fields, and its branch default. */
  private record Workflow(Map<String, String> roles, String branchDefault) {
    /** Empty when the Workflow is missing or its schema marks a repository field twice. */
    static Optional<Workflow> of(Optional<ResolvedWorkflow> workflow) {
      if (workflow.isEmpty()) {
        return Optional.empty();
      }
      try {
        Map<String, String> roles = java.util.Collections.unmodifiableMap(RepositoryParameters.paths(workflow.get()));
        String branch = roles.containsKey("branch") ? schemaDefault(workflow.get().spec(), roles.get("branch")) : "";
        return Optional.of(new Workflow(roles, branch));
      } catch (SchemaException duplicateMarker) {
        return Optional.empty();
      }
    }
  }

  private static String text(JsonNode parameters, String path) {
    if (parameters == null || path == null) {
      return "";
    }
    JsonNode node = RepositoryParameters.at(parameters, withoutParametersPrefix(path));
    return node != null && node.isTextual() ? node.textValue() : "";
  }

  /** The {@code default} at a dotted path of the Workflow's parameter schema (strings only). */
  private static String schemaDefault(WorkflowSpec workflow, String path) {
    JsonNode node;
    try {
      node = ParameterSchema.of(workflow).jsonSchema();
    } catch (SchemaException broken) {
      return "";
    }
    for (String segment : withoutParametersPrefix(path).split("\\.")) {
      if (node == null) {
        return "";
      }
      node = node.path("properties").get(segment);
    }
    return node != null && node.path("default").isTextual() ? node.path("default").textValue() : "";
  }

  private static String withoutParametersPrefix(String path) {
    return path.startsWith("parameters.") ? path.substring("parameters.".length()) : path;
  }
}
