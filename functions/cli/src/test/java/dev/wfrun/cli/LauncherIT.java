package dev.wfrun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wfrun.core.runtime.Jdk25;
import dev.wfrun.core.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher (target/wfrun) as a user runs it: its start-up caches never change what a command prints. */
class LauncherIT {
  private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  @TempDir Path install;

  private record Result(int code, String out, String err) {}

  private Result wfrun(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(install.resolve("wfrun").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile());
    builder.environment().putAll(env);
    Path out = Files.createTempFile(install, "out", ".txt");
    Path err = Files.createTempFile(install, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int code = process.waitFor();
    return new Result(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private void installLauncher() throws IOException {
    Files.copy(TARGET.resolve("wfrun"), install.resolve("wfrun"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(TARGET.resolve("wfrun.jar"), install.resolve("wfrun.jar"));
  }

  private List<String> caches() throws IOException {
    if (!Files.isDirectory(install.resolve("cds"))) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(install.resolve("cds"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static final String[] RENDER = {"render", "-w", "samples/docker-build/workflow-docker.yaml",
      "-r", "samples/docker-build/workflowrun-greeter-build-01.yaml",
      "--ref", "samples/docker-build/secretreference-github-credentials.yaml",
      "--ref", "samples/platform/clusterworkflowplane-default.yaml"};

  @Test
  void withAJdk25RenderRecordsThenStartsFromAnAotCacheAndPrintsTheSame() throws Exception {
    Path jdk25 = Jdk25.find().orElse(null);
    assumeTrue(jdk25 != null, "no JDK 25 on this machine");
    installLauncher();
    Map<String, String> env = Map.of("JAVA25_HOME", jdk25.toString());

    Result first = wfrun(env, RENDER);
    assertThat(first.code()).isZero();
    assertThat(first.out()).startsWith("---\napiVersion: argoproj.io/v1alpha1\nkind: Workflow\n")
        .doesNotContain("AOT");
    assertThat(first.err()).isEmpty();
    Await.until("the render command's AOT cache", Duration.ofSeconds(90),
        () -> uncheckedCaches().stream().anyMatch(n -> n.startsWith("wfrun-render-") && n.endsWith(".aot")));
    assertThat(uncheckedCaches()).as("the recorded configuration is removed once the cache is built")
        .noneMatch(n -> n.endsWith(".aotconf"));

    Result cached = wfrun(env, RENDER);
    assertThat(cached).isEqualTo(first);
  }

  @Test
  void badInputFailsTheSameWithAndWithoutTheCache() throws Exception {
    Path jdk25 = Jdk25.find().orElse(null);
    assumeTrue(jdk25 != null, "no JDK 25 on this machine");
    installLauncher();
    Map<String, String> env = Map.of("JAVA25_HOME", jdk25.toString());

    Result recorded = wfrun(env, "validate", "samples/docker-build/missing.yaml");
    Await.until("the validate command's AOT cache", Duration.ofSeconds(90),
        () -> uncheckedCaches().stream().anyMatch(n -> n.startsWith("wfrun-validate-") && n.endsWith(".aot")));
    Result cached = wfrun(env, "validate", "samples/docker-build/missing.yaml");

    assertThat(recorded.code()).isEqualTo(2);
    assertThat(recorded.err()).isEqualTo("wfrun validate: samples/docker-build/missing.yaml: no such file\n");
    assertThat(cached).isEqualTo(recorded);
  }

  @Test
  void withCachesOffNothingIsWritten() throws Exception {
    installLauncher();
    Result result = wfrun(Map.of("WFRUN_CDS", "off"), "schema", "-w", "samples/docker-build/workflow-docker.yaml");
    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("---\ntype: object\nproperties:\n");
    assertThat(caches()).isEmpty();
  }

  private List<String> uncheckedCaches() {
    try {
      return caches();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
