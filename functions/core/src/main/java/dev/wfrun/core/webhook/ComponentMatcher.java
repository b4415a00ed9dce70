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
 * Which Components a push builds, as upstream matches them: autoBuild on; the repository URL at
 * the Workflow schema's url marker equals the pushed repository; the provider fits the URL's host;
 * the branch (at the branch marker, else the schema default) equals the pushed branch when set;
 * and the push touches the app path. Where the provider's file list is incomplete the path filter
 * cannot prove "unchanged", so the Component is built.
 */
public final class ComponentMatcher {
  /** A Component to build, with where its Workflow keeps the repository fields. */
  public record Match(Component component, Map<String, String> roles) {}

  private ComponentMatcher() {}

  /** A Workflow and where its schema keeps the repository fields. */
  private record Resolved(ResolvedWorkflow workflow, Map<String, String> roles) {}

  /** Empty when the Workflow is missing or its schema marks a repository field twice. */
  private static Optional<Resolved> resolve(Optional<ResolvedWorkflow> workflow) {
    if (workflow.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Resolved(workflow.get(), RepositoryParameters.paths(workflow.get())));
    } catch (SchemaException duplicateMarker) {
      return Optional.empty();
    }
  }

  public static List<Match> match(PushEvent push, AutoBuildLookups lookups) {
    return match(push, lookups, true);
  }

  /** The auto-build Components of the pushed repository, whatever the branch and paths. */
  public static List<Match> ofRepository(PushEvent push, AutoBuildLookups lookups) {
    return match(push, lookups, false);
  }

  private static List<Match> match(PushEvent push, AutoBuildLookups lookups, boolean branchAndPaths) {
    List<Match> matches = new ArrayList<>();
    Map<String, Optional<Resolved>> byWorkflow = new HashMap<>();
    String pushed = RepositoryUrls.normalize(push.repositoryUrl());
    for (Component component : lookups.components()) {
      var spec = component.getSpec();
      if (spec == null || !Boolean.TRUE.equals(spec.autoBuild()) || spec.workflow() == null
          || spec.workflow().name() == null || spec.workflow().name().isEmpty() || spec.owner() == null) {
        continue;
      }
      boolean cluster = ClusterWorkflow.KIND.equals(spec.workflow().kind());
      String workflowKey = cluster ? "/" + spec.workflow().name()
          : component.getMetadata().getNamespace() + "/" + spec.workflow().name();
      // one resolution per Workflow and delivery, however many Components use it
      Optional<Resolved> resolved = byWorkflow.computeIfAbsent(workflowKey, k -> resolve(cluster
          ? lookups.clusterWorkflow(spec.workflow().name())
          : lookups.workflow(component.getMetadata().getNamespace(), spec.workflow().name())));
      if (resolved.isEmpty()) {
        continue;
      }
      ResolvedWorkflow workflow = resolved.get().workflow();
      Map<String, String> roles = resolved.get().roles();
      JsonNode parameters = spec.workflow().parameters();
      String url = text(parameters, roles.get("url"));
      if (url.isEmpty() || !RepositoryUrls.normalize(url).equals(pushed)) {
        continue;
      }
      Optional<GitProvider> host = GitProviders.ofRepository(url);
      if (host.isPresent() && host.get() != push.provider()) {
        continue;
      }
      if (!branchAndPaths) {
        matches.add(new Match(component, roles));
        continue;
      }
      String branch = text(parameters, roles.get("branch"));
      if (branch.isEmpty() && roles.containsKey("branch")) {
        branch = schemaDefault(workflow.spec(), roles.get("branch"));
      }
      if (!branch.isEmpty() && !branch.equals(push.branch())) {
        continue;
      }
      String appPath = text(parameters, roles.get("app-path"));
      boolean affected = !push.pathsComplete() || push.changedPaths().isEmpty()
          || AppPaths.touches(appPath, push.changedPaths());
      if (affected) {
        matches.add(new Match(component, roles));
      }
    }
    return matches;
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
