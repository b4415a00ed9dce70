package dev.wfrun.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child's class-data archive: recorded on the first start of a build, mapped on later ones. */
class ChildArchiveTest {
  @TempDir Path dir;

  private Path jar() throws Exception {
    Path jar = dir.resolve("app/quarkus-run.jar");
    Files.createDirectories(jar.getParent());
    if (!Files.exists(jar)) {
      Files.writeString(jar, "jar");
    }
    return jar;
  }

  private Path cds() {
    return dir.resolve("cds");
  }

  /** What the JVM does at exit when it records: writes the file named by -XX:ArchiveClassesAtExit. */
  private static void jvmDumps(List<String> flags) throws Exception {
    String flag = flags.stream().filter(f -> f.startsWith("-XX:ArchiveClassesAtExit=")).findFirst().orElseThrow();
    Files.writeString(Path.of(flag.substring(flag.indexOf('=') + 1)), "classes");
  }

  private List<String> archives() throws Exception {
    try (Stream<Path> files = Files.list(cds())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theFirstStartRecordsAndTheNextMapsTheRecording() throws Exception {
    ChildArchive first = ChildArchive.of("gateway", jar(), cds());
    List<String> recording = first.jvmFlags();
    assertThat(recording).anyMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit=")).noneMatch(
        f -> f.startsWith("-XX:SharedArchiveFile="));
    jvmDumps(recording);
    first.settle(true);

    List<String> mapped = ChildArchive.of("gateway", jar(), cds()).jvmFlags();
    assertThat(mapped).contains("-Xshare:auto").anyMatch(f -> f.startsWith("-XX:SharedArchiveFile=" + cds()))
        .noneMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(archives()).singleElement().asString().startsWith("gateway-").endsWith(".jsa");
  }

  @Test
  void aRecordingOfAStartStoppedHalfWayIsDropped() throws Exception {
    ChildArchive first = ChildArchive.of("functions", jar(), cds());
    jvmDumps(first.jvmFlags());
    first.settle(false);

    assertThat(archives()).isEmpty();
    assertThat(ChildArchive.of("functions", jar(), cds()).jvmFlags())
        .anyMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit="));
  }

  @Test
  void aRebuiltJarRecordsAnewAndTheOldArchiveGoes() throws Exception {
    ChildArchive first = ChildArchive.of("gateway", jar(), cds());
    jvmDumps(first.jvmFlags());
    first.settle(true);
    String old = archives().get(0);

    Files.setLastModifiedTime(jar(), FileTime.from(Instant.now().plusSeconds(60)));
    ChildArchive rebuilt = ChildArchive.of("gateway", jar(), cds());
    List<String> flags = rebuilt.jvmFlags();
    assertThat(flags).anyMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit="));
    jvmDumps(flags);
    rebuilt.settle(true);

    assertThat(archives()).singleElement().isNotEqualTo(old);
  }
}
