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

  @Override
  public Integer call() throws InterruptedException {
    return await(new RunApiClient(api), run, timeout, spec);
  }

  static int await(RunApiClient client, String run, Duration timeout, CommandSpec spec) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode status = client.get("/" + run + "/status", Map.of());
      String phase = status.path("status").asText();
      if (phase.equals("Succeeded") || phase.equals("Failed")) {
        GetCommand.print(spec.commandLine().getOut(), run, status);
        return phase.equals("Succeeded") ? 0 : WfrunCommand.FAILED;
      }
      if (System.nanoTime() > deadline) {
        throw new CliInputException("--timeout: " + run + " still " + phase + " after " + timeout);
      }
      Thread.sleep(1000);
    }
  }
}
