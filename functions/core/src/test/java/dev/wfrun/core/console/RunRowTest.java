package dev.wfrun.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run as a console line and as a timeline. */
class RunRowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-01T10:02:00Z");

  private static JsonNode run(String status) throws Exception {
    return JSON.readTree("""
        {"metadata":{"namespace":"default","name":"b-1","creationTimestamp":"2026-12-01T10:00:00Z",
          "labels":{"openchoreo.dev/component":"greeter"},
          "annotations":{"wfrun.dev/git-commit":"4b825dc642cb6eb9a060e54bf8d69288fbee4904"}},
         "spec":{"workflow":{"name":"docker"}},"status":%s}
        """.formatted(status));
  }

  @Test
  void aQueuedRunSaysWhyItWaitsAndAPhaseHasASymbolBesideItsColour() throws Exception {
    RunRow row = RunRow.of(run("""
        {"phase":"Pending","conditions":[{"type":"WorkflowCompleted","status":"False","reason":"Queued",
          "message":"queued behind 1 run of component greeter (1 of 1 slot in use)"}]}
        """), NOW);
    assertThat(row.reason()).isEqualTo("Queued: queued behind 1 run of component greeter (1 of 1 slot in use)");
    assertThat(row.symbol()).isEqualTo("…");
    assertThat(row.commit()).isEqualTo("4b825dc642cb");
    assertThat(row.component()).isEqualTo("greeter");
    assertThat(RunRow.of(run("{}"), NOW).reason()).startsWith("WaitingForDispatch:");
  }

  @Test
  void aRunningRunGrowsItsDurationAndItsTasksBecomeBars() throws Exception {
    JsonNode running = run("""
        {"phase":"Running","startedAt":"2026-12-01T10:00:00Z","conditions":[
          {"type":"WorkflowCompleted","status":"False","reason":"WorkflowPending","message":"x"}],
         "tasks":[{"name":"checkout","phase":"Succeeded","startedAt":"2026-12-01T10:00:00Z",
                   "completedAt":"2026-12-01T10:00:30Z"},
                  {"name":"build","phase":"Running","startedAt":"2026-12-01T10:00:30Z"},
                  {"name":"publish","phase":"Pending"}]}
        """);
    RunRow row = RunRow.of(running, NOW);
    assertThat(row.reason()).as("a running run waits for nothing").isNull();
    assertThat(row.duration()).isEqualTo("2m 00s");
    List<Timeline.Bar> bars = Timeline.of(running.path("status"), NOW);
    assertThat(bars).hasSize(2);
    assertThat(bars.get(0).label()).isEqualTo("✓ checkout · Succeeded · 30s");
    assertThat(bars.get(1).running()).isTrue();
    assertThat(bars.get(1).x()).isGreaterThan(bars.get(0).x());
    assertThat(bars.get(1).width()).as("90 of 120 s").isGreaterThan(bars.get(0).width() * 2);
  }

  @Test
  void aCommitLinksToItsHostOnlyForAnHttpsRepositoryAndAHexCommit() {
    assertThat(RunRow.commitUrl("https://github.com/openchoreo/sample-workloads.git", "4b825dc"))
        .isEqualTo("https://github.com/openchoreo/sample-workloads/commit/4b825dc");
    assertThat(RunRow.commitUrl("https://gitlab.com/group/app", "4b825dc"))
        .isEqualTo("https://gitlab.com/group/app/-/commit/4b825dc");
    assertThat(RunRow.commitUrl("javascript:alert(1)//github.com/x", "4b825dc")).isNull();
    assertThat(RunRow.commitUrl("https://github.com/x/y", "4b825dc\"><script>")).isNull();
  }
}
