package dev.wfrun.dev.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterLogTest {
  @TempDir Path dir;

  @Test
  void eachSessionStartsWithAnEmptyLog() throws Exception {
    Path file = dir.resolve("dead-letters.jsonl");
    Files.writeString(file, "{\"from\":\"an earlier session\"}\n");
    DeadLetterLog log = new DeadLetterLog(file, new PrintStream(new ByteArrayOutputStream()));
    assertThat(file).doesNotExist();
    log.write(LocalEvent.json("t", "s", Map.of(), "{}".getBytes()), "trigger", "HTTP 503");
    assertThat(Files.readAllLines(file)).singleElement().asString().contains("\"trigger\":\"trigger\"")
        .doesNotContain("earlier session");
  }
}
