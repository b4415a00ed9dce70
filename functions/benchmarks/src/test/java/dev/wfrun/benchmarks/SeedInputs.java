package dev.wfrun.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.yaml.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;

/** The seed docker Workflow and run, read from samples/ (run the benchmarks from the repo root). */
final class SeedInputs {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SeedInputs() {}

  static Path samples() {
    Path samples = Path.of(System.getProperty("wfrun.samples", "samples"));
    if (!Files.isDirectory(samples)) {
      throw new IllegalStateException("run from the repository root, or set -Dwfrun.samples=PATH");
    }
    return samples;
  }

  static JsonNode node(String file) {
    return ManifestReader.read(samples().resolve(file)).get(0).node();
  }

  static ResolvedWorkflow dockerWorkflow() {
    return ResolvedWorkflow.of(JSON.convertValue(node("docker-build/workflow-docker.yaml"), Workflow.class));
  }

  static WorkflowRun dockerRun() {
    return JSON.convertValue(node("docker-build/workflowrun-docker-build-run-01.yaml"), WorkflowRun.class);
  }
}
