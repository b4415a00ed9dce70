package dev.wfrun.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates and reads the shared conformance files, in place. */
final class ConformanceFiles {
  static final ObjectMapper YAML = new YAMLMapper();

  private ConformanceFiles() {}

  /** The folder named by {@code wfrun.conformance.dir}, else {@code ../shared/conformance}. */
  static Path dir() {
    String configured = System.getProperty("wfrun.conformance.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("conformance");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("conformance folder not found; set -Dwfrun.conformance.dir");
  }

  static JsonNode read(String fileName) {
    Path file = dir().resolve(fileName);
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read conformance file " + file, e);
    }
  }

  static JsonNode parseYaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
