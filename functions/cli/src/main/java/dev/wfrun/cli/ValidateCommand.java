package dev.wfrun.cli;

import dev.wfrun.core.validation.ObjectValidator;
import dev.wfrun.core.validation.ObjectValidator.Result;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wfrun validate}: CRD schemas and semantic checks, before anything reaches a cluster. */
@Command(
    name = "validate",
    description = {
      "Check openchoreo.dev objects against their CRDs and semantically.",
      "Semantic checks: CEL expressions compile and type-check against the parameter schema, TTL",
      "format, runTemplate structure, and each WorkflowRun's parameters against its Workflow when",
      "that Workflow is among the files. Every problem of an object is listed, in document order.",
      "Objects of other API groups, and golden test files, are skipped."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML files or folders (searched recursively).")
  List<Path> files;

  @Override
  public Integer call() {
    List<Manifest> manifests = new ArrayList<>();
    for (Path file : expand(files)) {
      manifests.addAll(ManifestReader.read(file));
    }
    PrintWriter out = spec.commandLine().getOut();
    int valid = 0;
    int invalid = 0;
    int skipped = 0;
    int problems = 0;
    for (Result r : new ObjectValidator().validate(manifests)) {
      switch (r.status()) {
        case VALID -> {
          valid++;
          out.println("ok      " + r.manifest().describe());
        }
        case SKIPPED -> {
          skipped++;
          String why = r.manifest().node().has("render_cases")
              ? "golden tests: run them with wfrun test"
              : "not an openchoreo.dev object";
          out.println("skipped " + r.manifest().describe() + " (" + why + ")");
        }
        case INVALID -> {
          invalid++;
          problems += r.violations().size();
          r.violations().forEach(v -> out.println("invalid " + r.manifest().describe() + " " + v));
        }
      }
    }
    out.println(valid + " valid, " + invalid + " invalid" + (invalid == 0 ? "" : " (" + problems
        + (problems == 1 ? " problem" : " problems") + ")") + ", " + skipped + " skipped");
    return invalid == 0 ? 0 : WfrunCommand.FAILED;
  }

  static List<Path> expand(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

}
