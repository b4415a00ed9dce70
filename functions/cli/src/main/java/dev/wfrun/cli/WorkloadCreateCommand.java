package dev.wfrun.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.workload.WorkloadConverter;
import dev.wfrun.core.yaml.ManifestWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wfrun workload create} (upstream {@code occ workload create}). */
@Command(
    name = "create",
    description = {
      "Write the Workload CR for a built image, shaped by an optional workload descriptor",
      "(endpoints, env, files, dependencies). The name is <component>-workload, as upstream."
    })
final class WorkloadCreateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--image", required = true, description = "The built image.")
  String image;

  @Option(names = "--descriptor", paramLabel = "FILE", description = "The workload descriptor (workload.yaml).")
  Path descriptor;

  @Option(names = "--namespace", defaultValue = "default", description = "Namespace (default ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--project", defaultValue = "default", description = "Project (default ${DEFAULT-VALUE}).")
  String project;

  @Option(names = "--component", required = true, description = "Component the Workload belongs to.")
  String component;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it (default: stdout).")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (descriptor != null && !Files.isRegularFile(descriptor)) {
      throw new CliInputException("--descriptor: " + descriptor + ": no such file");
    }
    ObjectNode workload = WorkloadConverter.convert(new WorkloadConverter.Target(namespace, project, component, image),
        Optional.ofNullable(descriptor));
    String yaml = ManifestWriter.yaml(workload);
    if (output == null) {
      spec.commandLine().getOut().print(yaml);
    } else {
      Files.writeString(output, yaml);
    }
    return 0;
  }
}
