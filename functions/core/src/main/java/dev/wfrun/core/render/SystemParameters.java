package dev.wfrun.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.template.TemplateValues.Numbers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ${systemParameters.*}} of component workflows (the seed's component-workflow schema):
 * the fixed {@code repository} structure, read from wherever the Workflow's parameters keep the
 * repository fields ({@link RepositoryParameters}), else from the conventional
 * {@code repository.url}, {@code repository.revision.branch} ... paths.
 */
final class SystemParameters {
  private static final Map<String, String> CONVENTIONAL = Map.of(
      "url", "repository.url",
      "secret-ref", "repository.secretRef",
      "app-path", "repository.appPath",
      "branch", "repository.revision.branch",
      "commit", "repository.revision.commit");

  private SystemParameters() {}

  static Map<String, Object> of(ResolvedWorkflow workflow, JsonNode parameters) {
    Map<String, String> paths = new LinkedHashMap<>(CONVENTIONAL);
    paths.putAll(RepositoryParameters.paths(workflow));
    Map<String, Object> revision = new LinkedHashMap<>();
    revision.put("branch", value(parameters, paths.get("branch")));
    revision.put("commit", value(parameters, paths.get("commit")));
    Map<String, Object> repository = new LinkedHashMap<>();
    repository.put("url", value(parameters, paths.get("url")));
    repository.put("secretRef", value(parameters, paths.get("secret-ref")));
    repository.put("appPath", value(parameters, paths.get("app-path")));
    repository.put("revision", revision);
    return Map.of("repository", repository);
  }

  private static Object value(JsonNode parameters, String path) {
    JsonNode node = RepositoryParameters.at(parameters, path);
    return node == null || node.isMissingNode() ? "" : TemplateValues.fromJson(node, Numbers.NATURAL);
  }
}
