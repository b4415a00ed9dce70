package dev.wfrun.core.testing;

import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds files of this repository (samples/) from tests. */
public final class Repo {
  private Repo() {}

  public static Path root() {
    String configured = System.getProperty("wfrun.repo.root");
    if (configured != null && Files.isDirectory(Path.of(configured, "samples"))) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples")) && Files.exists(p.resolve("pom.xml"))
          && Files.isDirectory(p.resolve("crds"))) {
        return p;
      }
    }
    throw new IllegalStateException("repository root not found");
  }

  public static Path samples() {
    return root().resolve("samples");
  }

  /** Every YAML file under samples/, sorted. */
  public static List<Path> sampleFiles() {
    try (Stream<Path> files = Files.walk(samples())) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Manifest> allSampleManifests() {
    List<Manifest> all = new ArrayList<>();
    sampleFiles().stream()
        .filter(f -> !f.startsWith(samples().resolve("tests"))) // golden tests, not objects
        .filter(f -> !f.endsWith("workload/openapi.yaml")) // an endpoint schema the descriptor names
        .forEach(f -> all.addAll(ManifestReader.read(f)));
    return all;
  }

  public static Manifest sample(String relative) {
    return ManifestReader.read(samples().resolve(relative)).get(0);
  }
}
