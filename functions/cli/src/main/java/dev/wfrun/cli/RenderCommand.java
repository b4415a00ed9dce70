package dev.wfrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.render.RenderedRun;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.render.RunRenderer;
import dev.wfrun.core.resolve.PlaneResolver;
import dev.wfrun.core.resolve.ResolvedPlane;
import dev.wfrun.core.resolve.WorkflowNotFoundException;
import dev.wfrun.core.resolve.WorkflowResolver;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.yaml.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wfrun render}: the dry run, like {@code helm template}. */
@Command(
    name = "render",
    description = {
      "Dry run: print the Argo Workflow and resources a WorkflowRun would create.",
      "Renders the run with its Workflow as render-dispatch does (parameters defaulted and",
      "validated, externalRefs resolved from --ref files) and prints the run object, then the extra",
      "resources. Nothing is applied."
    })
final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-w", "--workflow"}, required = true, paramLabel = "FILE",
      description = "The Workflow or ClusterWorkflow (YAML).")
  Path workflow;

  @Option(names = {"-r", "--run"}, required = true, paramLabel = "FILE", description = "The WorkflowRun (YAML).")
  Path run;

  @Option(names = "--ref", paramLabel = "FILE",
      description = "Objects the run uses: SecretReferences, WorkflowPlanes, ClusterWorkflowPlanes (repeatable).")
  List<Path> refs = new ArrayList<>();

  @Option(names = {"-o", "--output"}, defaultValue = "yaml", paramLabel = "yaml|json", description = "Output format.")
  OutputFormat output;

  @Override
  public Integer call() {
    List<Path> files = new ArrayList<>(List.of(workflow, run));
    files.addAll(refs);
    List<Manifest> manifests = LocalObjects.load(files);
    LocalObjects.workflows(workflow, manifests);
    WorkflowRun workflowRun = LocalObjects.singleRun(run, manifests);
    String namespace = workflowRun.getMetadata().getNamespace();
    LocalObjects objects = LocalObjects.of(manifests, namespace);
    ResolvedWorkflow resolved;
    try {
      resolved = WorkflowResolver.resolve(workflowRun, objects);
    } catch (WorkflowNotFoundException e) {
      throw new CliInputException(run + ": WorkflowRun/" + workflowRun.getMetadata().getName()
          + ": spec.workflow: " + e.getMessage() + " in " + workflow);
    }
    String secretStore = PlaneResolver.resolve(resolved, namespace, objects).map(ResolvedPlane::secretStore).orElse("");
    RenderedRun out = new RunRenderer().render(workflowRun, resolved, secretStore, objects);
    List<JsonNode> documents = new ArrayList<>();
    documents.add(TemplateValues.toJson(out.resource()));
    out.resources().forEach(r -> documents.add(TemplateValues.toJson(r.resource())));
    spec.commandLine().getOut().print(output.write(documents));
    return 0;
  }
}
