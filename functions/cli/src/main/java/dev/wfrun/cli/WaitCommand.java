package dev.wfrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wfrun wait RUN}: until the run finishes; exit 0 when it succeeded, 1 when it failed. */
@Command(name = "wait", description = "Wait until a WorkflowRun finishes; exit 0 if it succeeded, 1 if not.")
final class WaitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunApiClient.Options api;

  @Parameters(index = "0", paramLabel = "RUN", description = "The WorkflowRun.")
  String run;

  @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up after this long (ISO-8601, default 30m).")
  Duration timeout;

  @Option(names = {"-w", "--watch"}, description = "Show the phase and task list as they change.")
  boolean watch;

  @Override
  public Integer call() throws InterruptedException {
    return await(new RunApiClient(api), run, timeout, spec, watch);
  }

  /**
   * Polls the run's status until it finishes; with {@code watch}, prints a line whenever its phase,
   * waiting reason or tasks change (as {@code wfrun dev} shows its runs).
   */
  static int await(RunApiClient client, String run, Duration timeout, CommandSpec spec, boolean watch)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String shown = null;
    while (true) {
      JsonNode status = client.get("/" + run + "/status", Map.of());
      String phase = status.path("status").asText();
      if (watch) {
        String line = progress(run, status);
        if (!line.equals(shown)) {
          spec.commandLine().getOut().println(line);
          spec.commandLine().getOut().flush();
          shown = line;
        }
      }
      if (phase.equals("Succeeded") || phase.equals("Failed")) {
        GetCommand.print(spec.commandLine().getOut(), run, status);
        return phase.equals("Succeeded") ? 0 : WfrunCommand.FAILED;
      }
      if (System.nanoTime() > deadline) {
        throw new CliInputException("--timeout: " + run + " still " + phase + " after " + timeout);
      }
      Thread.sleep(watch ? 500 : 1000);
    }
  }

  /** {@code run <name>: <phase> [(<reason>)] <task>=<phase> ...}: what changed is what a watcher sees. */
  static String progress(String run, JsonNode status) {
    StringBuilder line = new StringBuilder("run " + run + ": " + status.path("status").asText());
    for (JsonNode c : status.path("conditions")) {
      boolean waiting = "WorkflowCompleted".equals(c.path("type").asText()) && "False".equals(c.path("status").asText())
          && status.path("steps").isEmpty();
      if (waiting) {
        line.append(" (").append(c.path("reason").asText()).append(": ").append(c.path("message").asText()).append(')');
      }
    }
    for (JsonNode step : status.path("steps")) {
      line.append(' ').append(step.path("name").asText()).append('=').append(step.path("phase").asText());
    }
    return line.toString();
  }
}
