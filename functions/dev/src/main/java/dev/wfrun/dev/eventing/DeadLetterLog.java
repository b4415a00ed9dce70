package dev.wfrun.dev.eventing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The dead-letter sink: events no delivery could hand over, one JSON line each, and a console line. */
public final class DeadLetterLog {
  private final Path file;
  private final PrintStream console;

  /** Starts the log empty: it holds this session's dead letters only. */
  public DeadLetterLog(Path file, PrintStream console) {
    this.file = file;
    this.console = console;
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      console.println("dead letter: cannot clear " + file + ": " + e.getMessage());
    }
  }

  public Path file() {
    return file;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  synchronized void write(LocalEvent event, String trigger, String reason) {
    console.println("dead letter: " + event.type() + " " + event.id() + " via trigger " + trigger + ": " + reason);
    com.fasterxml.jackson.databind.node.ObjectNode entry = JSON.createObjectNode().put("trigger", trigger)
        .put("reason", reason);
    entry.set("event", CloudEventsHttp.structured(event));
    String line = entry + "\n";
    try {
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      console.println("dead letter: cannot write " + file + ": " + e.getMessage());
    }
  }

}
