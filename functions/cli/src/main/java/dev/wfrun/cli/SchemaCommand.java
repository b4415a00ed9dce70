package dev.wfrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wfrun schema}: a Workflow's parameter schema, and what it makes of some parameters. */
@Command(
    name = "schema",
    description = {
      "Print a Workflow's parameter JSON Schema, or check parameters against it.",
      "The schema comes from openAPIV3Schema or the shorthand. With -p, print the parameters with",
      "defaults applied, or every violation (exit 1)."
    })
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-w", "--workflow"}, required = true, paramLabel = "FILE",
      description = "The Workflow or ClusterWorkflow (YAML).")
  Path workflow;

  @Option(names = {"-p", "--parameters"}, paramLabel = "FILE",
      description = "Parameters to check: a YAML map, or a WorkflowRun (its spec.workflow.parameters).")
  Path parameters;

  @Option(names = {"-o", "--output"}, defaultValue = "yaml", paramLabel = "yaml|json", description = "Output format.")
  OutputFormat output;

  @Override
  public Integer call() {
    List<Manifest> manifests = LocalObjects.load(List.of(workflow));
    Manifest source = LocalObjects.workflows(workflow, manifests).get(0);
    ParameterSchema schema = ParameterSchema.of(LocalObjects.as(source.node().get("spec"), WorkflowSpec.class));
    PrintWriter out = spec.commandLine().getOut();
    if (parameters == null) {
      JsonNode json = schema.jsonSchema() == null ? LocalObjects.copy(ManifestReader.parse("", "type: object").get(0).node())
          : schema.jsonSchema();
      out.print(output.write(List.of(json)));
      return 0;
    }
    JsonNode values = parameterValues();
    JsonNode defaulted = schema.applyDefaults(values);
    List<Violation> violations = schema.validate(defaulted);
    if (!violations.isEmpty()) {
      violations.forEach(v -> out.println(parameters + ": " + v));
      return WfrunCommand.FAILED;
    }
    out.print(output.write(List.of(defaulted)));
    return 0;
  }

  private JsonNode parameterValues() {
    List<Manifest> docs = ManifestReader.read(parameters);
    if (docs.isEmpty()) {
      return null;
    }
    Manifest doc = docs.get(0);
    if (LocalObjects.isKind(doc, WorkflowRun.KIND)) {
      LocalObjects.load(List.of(parameters));
      return doc.node().path("spec").path("workflow").get("parameters");
    }
    return doc.node();
  }
}
