package dev.wfrun.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's tasks as a timeline picture: one bar per task from its start to its end (to now while it
 * runs), scaled to the run's span, with the task's phase as symbol and word beside the colour.
 */
public final class Timeline {
  public static final int WIDTH = 1000;
  public static final int ROW = 28;
  static final int LABEL = 340;

  /** One task's bar: where it is drawn, and what it says. */
  public record Bar(String task, String phase, String symbol, int x, int y, int width, String label, boolean running) {}

  private Timeline() {}

  /** The bars of the run's {@code status.tasks}, in order; tasks that have not started have none. */
  public static List<Bar> of(JsonNode status, Instant now) {
    List<JsonNode> started = new ArrayList<>();
    Instant first = null;
    Instant last = null;
    for (JsonNode task : status.path("tasks")) {
      Instant s = time(task.path("startedAt").asText(null));
      if (s == null) {
        continue;
      }
      Instant e = time(task.path("completedAt").asText(null));
      Instant end = e == null ? now : e;
      first = first == null || s.isBefore(first) ? s : first;
      last = last == null || end.isAfter(last) ? end : last;
      started.add(task);
    }
    List<Bar> bars = new ArrayList<>();
    if (first == null) {
      return bars;
    }
    double span = Math.max(1, Duration.between(first, last).toMillis());
    int track = WIDTH - LABEL;
    int row = 0;
    for (JsonNode task : started) {
      Instant s = time(task.path("startedAt").asText());
      Instant e = time(task.path("completedAt").asText(null));
      Instant end = e == null ? now : e;
      int x = LABEL + (int) (track * Duration.between(first, s).toMillis() / span);
      int w = Math.max(3, (int) (track * Duration.between(s, end).toMillis() / span));
      String phase = task.path("phase").asText("Pending");
      String took = RunRow.duration(s.toString(), end.toString(), now);
      bars.add(new Bar(task.path("name").asText(), phase, RunRow.symbol(phase), x, row * ROW, Math.min(w, WIDTH - x),
          RunRow.symbol(phase) + " " + task.path("name").asText() + " · " + phase + " · " + took, e == null));
      row++;
    }
    return bars;
  }

  /** The picture's height for {@code bars}. */
  public static int height(List<Bar> bars) {
    return Math.max(ROW, bars.size() * ROW);
  }

  private static Instant time(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
