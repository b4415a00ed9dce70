package dev.wfrun.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wfrun build COMPONENT}: build a Component now, optionally at a commit. */
@Command(name = "build", description = "Build a Component now (its workflow and parameters), optionally at --commit.")
final class BuildCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin RunApiClient.Options api;

  @Parameters(index = "0", paramLabel = "COMPONENT", description = "The Component.")
  String component;

  @Option(names = "--project", defaultValue = "default", description = "Its project (default ${DEFAULT-VALUE}).")
  String project;

  @Option(names = "--commit", paramLabel = "SHA", description = "Build this commit (7-40 hex characters).")
  String commit;

  @Option(names = "--wait", description = "Wait until it finishes (exit 0 if it succeeded, 1 if not).")
  boolean await;

  @Option(names = {"-w", "--watch"}, description = "Show its phase and task list as they change until it finishes"
      + " (exit 0 if it succeeded, 1 if not).")
  boolean watch;

  @Override
  public Integer call() throws InterruptedException {
    RunApiClient client = new RunApiClient(api);
    ObjectNode body = JSON.createObjectNode();
    if (commit != null) {
      body.put("commit", commit);
    }
    String created = client.postAbsolute("/api/v1/namespaces/" + enc(client.namespace) + "/projects/" + enc(project)
        + "/components/" + enc(component) + "/workflowruns", body).path("metadata").path("name").asText();
    spec.commandLine().getOut().println("workflowrun " + client.namespace + "/" + created + " created (build of "
        + component + (commit == null ? "" : " at " + commit) + ")");
    return await || watch ? WaitCommand.await(client, created, Duration.ofMinutes(30), spec, watch) : 0;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
