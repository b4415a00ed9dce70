package dev.wfrun.dev.buildplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.workload.WorkloadConverter;
import dev.wfrun.core.yaml.ManifestWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output parameters a simulated step produces. {@code workload-cr} is real: the Workload that
 * {@code wfrun workload create} makes from the step's {@code image} input and the descriptor; the
 * image is named as the sample publish step names it; anything else is marked simulated.
 */
final class SimulatedOutputs {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}");
  private final Optional<Path> descriptor;

  SimulatedOutputs(Optional<Path> descriptor) {
    this.descriptor = descriptor;
  }

  /**
   * @param parameters the workflow's {@code spec.arguments.parameters} by name
   * @param stepOutputs outputs of finished steps, by {@code steps.<step>.outputs.parameters.<name>}
   */
  Map<String, String> produce(String workflowName, PlannedStep step, Map<String, String> parameters,
      Map<String, String> stepOutputs) {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (JsonNode p : step.arguments().path("parameters")) {
      inputs.put(p.path("name").asText(), substitute(p.path("value").asText(), workflowName, parameters, stepOutputs));
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    if (step.template() == null) {
      return outputs;
    }
    for (JsonNode p : step.template().path("outputs").path("parameters")) {
      String name = p.path("name").asText();
      outputs.put(name, switch (name) {
        case "workload-cr" -> workload(inputs, parameters, workflowName);
        case "image" -> image(parameters, workflowName);
        case "git-revision" -> revision(parameters);
        default -> "simulated";
      });
    }
    return outputs;
  }

  private String workload(Map<String, String> inputs, Map<String, String> parameters, String workflowName) {
    String image = inputs.getOrDefault("image", image(parameters, workflowName));
    WorkloadConverter.Target target = new WorkloadConverter.Target(
        parameters.getOrDefault("namespace", "default"), parameters.getOrDefault("project-name", "default"),
        parameters.getOrDefault("component-name", workflowName), image);
    return ManifestWriter.yaml(WorkloadConverter.convert(target, descriptor));
  }

  private static String image(Map<String, String> parameters, String workflowName) {
    return "registry.openchoreo-system.svc:5000/" + parameters.getOrDefault("image-name", workflowName) + ":"
        + workflowName;
  }

  private static String revision(Map<String, String> parameters) {
    String commit = parameters.getOrDefault("commit", "");
    return commit.length() >= 8 ? commit.substring(0, 8) : "5ca1ab1e";
  }

  static String substitute(String text, String workflowName, Map<String, String> parameters,
      Map<String, String> stepOutputs) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String value;
      if (key.equals("workflow.name")) {
        value = workflowName;
      } else if (key.startsWith("workflow.parameters.")) {
        value = parameters.get(key.substring("workflow.parameters.".length()));
      } else {
        value = stepOutputs.get(key);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
