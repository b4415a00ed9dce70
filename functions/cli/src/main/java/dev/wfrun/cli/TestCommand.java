package dev.wfrun.cli;

import dev.wfrun.core.goldens.GoldenCase;
import dev.wfrun.core.goldens.GoldenRunner;
import dev.wfrun.core.render.WorkflowPipeline;
import dev.wfrun.core.template.TemplateEngine;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wfrun test}: golden tests for a platform team's own Workflows. */
@Command(
    name = "test",
    description = {
      "Run golden render tests for your own Workflows.",
      "Test files hold render_cases in the format of the conformance file workflow-pipeline-cases.yaml",
      "(input: workflowRun, workflow, context; expected: resource, resources; or expect_error with",
      "expected_error_contains). Parameters are validated against the Workflow's schema, as in a",
      "real run. Prints one line per case, then 'N passed, M failed'."
    })
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Test files or folders (searched recursively).")
  List<Path> paths;

  @Override
  public Integer call() {
    List<GoldenCase> cases = new ArrayList<>();
    for (Path file : ValidateCommand.expand(paths)) {
      for (Manifest doc : ManifestReader.read(file)) {
        cases.addAll(GoldenRunner.cases(doc));
      }
    }
    if (cases.isEmpty()) {
      throw new CliInputException(paths + ": no render_cases found");
    }
    GoldenRunner runner = new GoldenRunner(new WorkflowPipeline(new TemplateEngine(), true));
    PrintWriter out = spec.commandLine().getOut();
    int passed = 0;
    int failed = 0;
    for (GoldenCase c : cases) {
      GoldenRunner.Outcome outcome = runner.run(c);
      if (outcome.passed()) {
        passed++;
        out.println("PASS " + c.source() + ": " + c.name());
      } else {
        failed++;
        out.println("FAIL " + c.source() + ": " + c.name() + ": " + outcome.failure().get());
      }
    }
    out.println(passed + " passed, " + failed + " failed");
    return failed == 0 ? 0 : WfrunCommand.FAILED;
  }
}
