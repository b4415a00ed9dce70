package dev.wfrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wfrun logs RUN [-f]}: the run's step logs, a line each: time, task, text; followed with {@code -f}. */
@Command(name = "logs", description = "Print a WorkflowRun's step logs (time, task, line) through the run API.")
final class LogsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunApiClient.Options api;

  @Parameters(index = "0", paramLabel = "RUN", description = "The WorkflowRun.")
  String run;

  @Option(names = "--task", description = "Only this task's lines.")
  String task;

  @Option(names = "--since", paramLabel = "SECONDS", description = "Only lines of the last SECONDS.")
  String since;

  @Option(names = {"-f", "--follow"}, description = "Keep printing lines as the steps write them, until the run"
      + " completes.")
  boolean follow;

  @Override
  public Integer call() {
    RunApiClient client = new RunApiClient(api);
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> query = new java.util.HashMap<>();
    query.put("task", task);
    query.put("sinceSeconds", since);
    if (follow) {
      query.put("follow", "true");
      String[] error = {null};
      client.stream("/" + run + "/logs", query, line -> {
        if (line.has("error")) {
          error[0] = line.path("error").asText();
          return;
        }
        print(out, line);
        out.flush();
      });
      if (error[0] != null) {
        throw new CliInputException("logs -f: " + error[0]);
      }
      return 0;
    }
    JsonNode lines = client.get("/" + run + "/logs", query);
    for (JsonNode line : lines) {
      print(out, line);
    }
    String why = client.lastHeader("Wfrun-Logs-Unavailable");
    if (lines.isEmpty() || why != null) {
      spec.commandLine().getErr().println((lines.isEmpty() ? "no log lines" : "lines missing")
          + (why == null ? "" : ": " + why));
    }
    return 0;
  }

  private static void print(PrintWriter out, JsonNode line) {
    out.println(line.path("timestamp").asText("-") + " [" + line.path("task").asText() + "] "
        + line.path("log").asText());
  }
}
