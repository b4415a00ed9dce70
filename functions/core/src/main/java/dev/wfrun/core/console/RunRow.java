package dev.wfrun.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.webhook.RunRequests;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A WorkflowRun as one line of the console: its phase with a symbol (so phases differ without
 * colour), why it waits or ended when it is not running, its Workflow, Component, commit (short),
 * start and duration (still growing for a running run).
 *
 * @param reason the WorkflowCompleted condition's reason and message when the run waits or has
 *     ended; null while it runs
 */
public record RunRow(String namespace, String name, String phase, String symbol, String reason, String workflow,
    String component, String project, String commit, String commitUrl, String started, String duration,
    String created) {

  /** The row of a run as the API serves it (a WorkflowRun as JSON). */
  public static RunRow of(JsonNode run, Instant now) {
    JsonNode meta = run.path("metadata");
    JsonNode status = run.path("status");
    String phase = status.path("phase").asText("Pending");
    String reason = null;
    for (JsonNode c : status.path("conditions")) {
      if ("WorkflowCompleted".equals(c.path("type").asText()) && !"Running".equals(phase)) {
        reason = c.path("reason").asText() + ": " + c.path("message").asText();
      }
    }
    if (status.path("conditions").isEmpty()) {
      reason = "WaitingForDispatch: render-dispatch has not seen the run yet";
    }
    String commit = meta.path("annotations").path(RunRequests.ANNOTATION_COMMIT).asText(null);
    if (commit == null) {
      commit = run.path("spec").path("workflow").path("parameters").path("repository").path("revision")
          .path("commit").asText(null);
    }
    if (commit != null && commit.isEmpty()) {
      commit = null;
    }
    String started = status.path("startedAt").asText(null);
    String completed = status.path("completedAt").asText(null);
    String repository = meta.path("annotations").path(RunRequests.ANNOTATION_REPOSITORY).asText(null);
    return new RunRow(meta.path("namespace").asText(), meta.path("name").asText(), phase, symbol(phase), reason,
        run.path("spec").path("workflow").path("name").asText(""),
        meta.path("labels").path("openchoreo.dev/component").asText(null),
        meta.path("labels").path("openchoreo.dev/project").asText(null),
        commit == null ? null : commit.substring(0, Math.min(12, commit.length())), commitUrl(repository, commit),
        seconds(started),
        duration(started, completed, now), meta.path("creationTimestamp").asText(""));
  }

  /**
   * The commit's page at its git host, for an https repository URL and a hex commit (anything else a
   * tenant wrote gives none): GitHub, Gitea and Forgejo's {@code /commit/<sha>}, GitLab's {@code /-/commit/<sha>},
   * Bitbucket's {@code /commits/<sha>}.
   */
  static String commitUrl(String repository, String commit) {
    if (repository == null || commit == null || !commit.matches("[0-9a-fA-F]{7,40}")
        || !repository.matches("https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~-]+)+/?")) {
      return null;
    }
    String base = repository.replaceAll("(\\.git)?/?$", "");
    String host = java.net.URI.create(base).getHost();
    String path = host.contains("gitlab") ? "/-/commit/" : host.contains("bitbucket") ? "/commits/" : "/commit/";
    return base + path + commit;
  }

  /** An RFC 3339 time to the second, as a person reads it; the text itself when it is not one. */
  static String seconds(String time) {
    try {
      return time == null ? null : Instant.parse(time).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    } catch (DateTimeParseException e) {
      return time;
    }
  }

  /** ✓ succeeded, ✗ failed, ▶ running, … pending. */
  public static String symbol(String phase) {
    return switch (phase) {
      case "Succeeded" -> "✓";
      case "Failed", "Error" -> "✗";
      case "Running" -> "▶";
      default -> "…";
    };
  }

  /** {@code 1m 05s}; to now while the run has not completed; null before it started. */
  static String duration(String started, String completed, Instant now) {
    try {
      if (started == null) {
        return null;
      }
      Instant end = completed == null ? now : Instant.parse(completed);
      long seconds = Math.max(0, Duration.between(Instant.parse(started), end).getSeconds());
      return seconds >= 3600 ? "%dh %02dm".formatted(seconds / 3600, seconds % 3600 / 60)
          : seconds >= 60 ? "%dm %02ds".formatted(seconds / 60, seconds % 60) : seconds + "s";
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
