package dev.wfrun.core.engine.argo;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.yaml.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real Argo Workflow objects of ../shared/fixtures/argo. */
final class ArgoFixtures {
  private ArgoFixtures() {}

  static Path dir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("fixtures").resolve("argo");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("../shared/fixtures/argo not found");
  }

  static ArgoWorkflow load(String file) {
    return Fixtures.as(ManifestReader.read(dir().resolve(file)).get(0).node(), ArgoWorkflow.class);
  }
}
