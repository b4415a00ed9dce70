package dev.wfrun.core.runapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.cluster.RunEvents;
import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.cluster.RunLogFollow;
import dev.wfrun.core.cluster.RunLogs;
import java.util.Optional;

/**
 * A run's step logs and events for whoever may get the run: {@code GET .../{run}/logs} (live, or
 * followed as lines arrive) and {@code GET .../{run}/events}.
 */
public final class RunLogsApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GuardedRuns guarded;
  private final RunLogs logs;
  private final RunLogFollow follow;
  private final RunEvents events;

  public RunLogsApi(io.fabric8.kubernetes.client.KubernetesClient client, RunLogs logs, RunLogFollow follow,
      RunEvents events) {
    this.guarded = new GuardedRuns(client);
    this.logs = logs;
    this.follow = follow;
    this.events = events;
  }

  /**
   * {@code GET .../workflowruns/{run}/logs?task=&sinceSeconds=}: upstream's {@code [{"timestamp","log"}]}
   * with each line's {@code task}, live from the build plane; allowed to whoever may get the run. When
   * nothing can be read, header {@value RunApiAnswer#LOGS_UNAVAILABLE_HEADER} says why (not dispatched,
   * run object gone with its pods, no pod yet).
   */
  public RunApiAnswer logs(String authorization, String namespace, String name, String task, String sinceSeconds) {
    Optional<RunApiAnswer> badSince = sinceProblem(sinceSeconds);
    if (badSince.isPresent()) {
      return badSince.get();
    }
    Integer since = sinceOf(sinceSeconds);
    Integer window = since;
    return guarded.withRun(authorization, "get", namespace, name, run -> {
      RunLogs.Logs read = logs.read(run, task == null || task.isEmpty() ? null : task, window);
      ArrayNode lines = JSON.createArrayNode();
      read.lines().forEach(line -> lines.add(lineJson(line)));
      return RunApiAnswer.ok(200, lines, read.unavailable() == null ? java.util.Map.of()
          : java.util.Map.of(RunApiAnswer.LOGS_UNAVAILABLE_HEADER, read.unavailable()));
    });
  }


  /**
   * Before {@code logs?follow=true} streams: the answer that refuses it (bad input, 401, 403, no such
   * run), or empty when {@link #follow} may start.
   */
  public Optional<RunApiAnswer> followRefusal(String authorization, String namespace, String name, String task,
      String sinceSeconds) {
    Optional<RunApiAnswer> badSince = sinceProblem(sinceSeconds);
    if (badSince.isPresent()) {
      return badSince;
    }
    RunApiAnswer checked = guarded.withRun(authorization, "get", namespace, name, run -> RunApiAnswer.empty(200));
    return checked.isProblem() ? Optional.of(checked) : Optional.empty();
  }

  /**
   * {@code logs?follow=true}, after {@link #followRefusal} allowed it: each new line, as
   * {@code {"timestamp","log","task"}}, to {@code sink} until the run completes, the caller goes (the
   * sink says false) or the follow limit is reached.
   */
  public RunLogFollow.End follow(String namespace, String name, String task, String sinceSeconds,
      java.util.function.Predicate<JsonNode> sink) {
    return follow.follow(new RunKey(namespace, name), task == null || task.isEmpty() ? null : task,
        sinceOf(sinceSeconds), line -> sink.test(lineJson(line)));
  }

  private static ObjectNode lineJson(RunLogs.Line line) {
    ObjectNode l = JSON.createObjectNode();
    RunApi.putIfPresent(l, "timestamp", line.timestamp());
    return l.put("log", line.log()).put("task", line.task());
  }

  private static Optional<RunApiAnswer> sinceProblem(String sinceSeconds) {
    if (sinceSeconds == null || sinceSeconds.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (Integer.parseInt(sinceSeconds) >= 1) {
        return Optional.empty();
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    return Optional.of(RunApiAnswer.problem(400, "Bad Request",
        "sinceSeconds: must be a whole number of seconds, 1 or more, got \"" + sinceSeconds + "\""));
  }

  private static Integer sinceOf(String sinceSeconds) {
    return sinceSeconds == null || sinceSeconds.isEmpty() ? null : Integer.parseInt(sinceSeconds);
  }

  /**
   * {@code GET .../workflowruns/{run}/events?task=}: upstream's {@code [{"timestamp","type","reason","message"}]}
   * with each event's {@code task}; header {@value RunApiAnswer#EVENTS_UNAVAILABLE_HEADER} says why there are none.
   */
  public RunApiAnswer events(String authorization, String namespace, String name, String task) {
    return guarded.withRun(authorization, "get", namespace, name, run -> {
      RunEvents.Events read = events.read(run, task == null || task.isEmpty() ? null : task);
      ArrayNode out = JSON.createArrayNode();
      for (RunEvents.RunEvent e : read.events()) {
        ObjectNode node = out.addObject();
        RunApi.putIfPresent(node, "timestamp", e.timestamp());
        RunApi.putIfPresent(node, "type", e.type());
        RunApi.putIfPresent(node, "reason", e.reason());
        RunApi.putIfPresent(node, "message", e.message());
        node.put("task", e.task());
      }
      return RunApiAnswer.ok(200, out, read.unavailable() == null ? java.util.Map.of()
          : java.util.Map.of(RunApiAnswer.EVENTS_UNAVAILABLE_HEADER, read.unavailable()));
    });
  }
}
