package dev.wfrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wfrun run WORKFLOW --set k=v}: create a WorkflowRun through the run API. */
@Command(name = "run", description = "Start a Workflow: create a WorkflowRun with --set parameters (a.b=c).")
final class RunCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin RunApiClient.Options api;

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The Workflow (or with --cluster, ClusterWorkflow).")
  String workflow;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "A parameter, by dotted path (repository.url=https://...); numbers and true/false are typed.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--cluster", description = "Run a ClusterWorkflow.")
  boolean cluster;

  @Option(names = "--name", description = "The run's name (default: <workflow>-run-<5 random>).")
  String name;

  @Option(names = "--wait", description = "Wait until it finishes (exit 0 if it succeeded, 1 if not).")
  boolean await;

  @Option(names = {"-w", "--watch"}, description = "Show its phase and task list as they change until it finishes"
      + " (exit 0 if it succeeded, 1 if not).")
  boolean watch;

  @Override
  public Integer call() throws InterruptedException {
    ObjectNode parameters = JSON.createObjectNode();
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new CliInputException("--set " + set + ": expected PATH=VALUE");
      }
      put(parameters, set.substring(0, eq), set.substring(eq + 1), set);
    }
    ObjectNode run = JSON.createObjectNode().put("apiVersion", "openchoreo.dev/v1alpha1").put("kind", "WorkflowRun");
    ObjectNode metadata = run.putObject("metadata");
    if (name != null && !name.isEmpty()) {
      metadata.put("name", name);
    } else {
      metadata.put("generateName", (workflow.length() > 52 ? workflow.substring(0, 52) : workflow) + "-run-");
    }
    ObjectNode ref = run.putObject("spec").putObject("workflow");
    if (cluster) {
      ref.put("kind", "ClusterWorkflow");
    }
    ref.put("name", workflow);
    ref.set("parameters", parameters);
    RunApiClient client = new RunApiClient(api);
    String created = client.post("", run).path("metadata").path("name").asText();
    spec.commandLine().getOut().println("workflowrun " + client.namespace + "/" + created + " created");
    return await || watch ? WaitCommand.await(client, created, Duration.ofMinutes(30), spec, watch) : 0;
  }

  private static void put(ObjectNode root, String path, String value, String set) {
    String[] keys = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      if (keys[i].isEmpty()) {
        throw new CliInputException("--set " + set + ": empty key in " + path);
      }
      JsonNode child = node.get(keys[i]);
      node = child instanceof ObjectNode o ? o : node.putObject(keys[i]);
    }
    String last = keys[keys.length - 1];
    if (value.equals("true") || value.equals("false")) {
      node.put(last, Boolean.parseBoolean(value));
    } else if (value.matches("-?(0|[1-9][0-9]{0,17})")) {
      node.put(last, Long.parseLong(value));
    } else {
      node.put(last, value);
    }
  }
}
