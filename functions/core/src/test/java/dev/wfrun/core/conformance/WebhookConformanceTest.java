package dev.wfrun.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.webhook.AutoBuild;
import dev.wfrun.core.webhook.AutoBuildLookups;
import dev.wfrun.core.webhook.AutoBuildResult;
import dev.wfrun.core.webhook.WebhookHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code webhook-cases.yaml} through the auto-build core (the gateway is a thin
 * HTTP layer over it): status, exact body, and the WorkflowRuns asked for. wfrun's provenance
 * annotations ({@code wfrun.dev/*}) are not part of upstream's expectation and are not compared.
 * Prints {@code webhook conformance: N passed, M failed}.
 */
class WebhookConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger FAILED = new AtomicInteger();
  private static final AtomicInteger SKIPPED = new AtomicInteger();
  private static final List<String> REPORT = new ArrayList<>();

  @TestFactory
  Stream<DynamicTest> webhookCases() {
    JsonNode root = ConformanceFiles.read("webhook-cases.yaml");
    JsonNode workflows = root.path("fixtures").path("workflows");
    Deviations deviations = Deviations.load();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      String name = c.get("name").asText();
      tests.add(DynamicTest.dynamicTest("webhook :: " + name, () -> {
        Deviations.Deviation deviation = deviations.find("webhook/cases", name);
        if (deviation != null) {
          SKIPPED.incrementAndGet();
          record(name, "skipped", deviation.reason());
          Assumptions.abort("deviation: " + deviation.reason());
        }
        try {
          check(c, workflows);
          PASSED.incrementAndGet();
          record(name, "passed", "");
        } catch (Throwable t) {
          FAILED.incrementAndGet();
          record(name, "failed", String.valueOf(t.getMessage()));
          throw t;
        }
      }));
    }
    return tests.stream();
  }

  private static void check(JsonNode c, JsonNode workflows) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    c.path("request").path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
    byte[] body = c.path("request").path("body").asText().getBytes(StandardCharsets.UTF_8);
    JsonNode secret = c.get("webhookSecret");
    AutoBuild autoBuild = new AutoBuild(
        provider -> secret == null || secret.isNull() ? List.of() : List.of(secret.path(provider.id() + "-secret").asText("")),
        lookups(c.path("components"), workflows), Set.of());
    AutoBuildResult result = autoBuild.handle(null, new WebhookHeaders(headers), body);
    JsonNode expect = c.get("expect");
    if (result.status() != expect.get("status").asInt()) {
      throw new AssertionError("status: expected " + expect.get("status") + ", got " + result.status() + " " + result.body());
    }
    if (expect.has("body") && !expect.get("body").asText().equals(result.body())) {
      throw new AssertionError("body: expected " + expect.get("body").asText() + "got " + result.body());
    }
    if (expect.has("bodyPrefix") && !result.body().startsWith(expect.get("bodyPrefix").asText())) {
      throw new AssertionError("body: expected to start with " + expect.get("bodyPrefix").asText() + ", got " + result.body());
    }
    JsonNode runs = expect.path("runsCreated");
    if (runs.size() != result.runs().size()) {
      throw new AssertionError("runs: expected " + runs.size() + ", got " + result.runs().size());
    }
    for (int i = 0; i < runs.size(); i++) {
      checkRun(runs.get(i), result.runs().get(i));
    }
  }

  private static void checkRun(JsonNode expected, WorkflowRun run) {
    String name = run.getMetadata().getName();
    if (!name.matches(expected.get("namePattern").asText())) {
      throw new AssertionError("run name " + name + " does not match " + expected.get("namePattern").asText());
    }
    JsonAssert.assertSemanticEquals(expected.get("namespace"), JSON.valueToTree(run.getMetadata().getNamespace()));
    JsonAssert.assertSemanticEquals(expected.get("labels"), JSON.valueToTree(run.getMetadata().getLabels()));
    ObjectNode upstreamAnnotations = JSON.createObjectNode();
    run.getMetadata().getAnnotations().forEach((k, v) -> {
      if (!k.startsWith("wfrun.dev/")) {
        upstreamAnnotations.put(k, v);
      }
    });
    JsonAssert.assertSemanticEquals(expected.get("annotations"), upstreamAnnotations);
    JsonAssert.assertSemanticEquals(expected.at("/spec/workflow"), JSON.valueToTree(run.getSpec().workflow()));
  }

  private static AutoBuildLookups lookups(JsonNode componentNodes, JsonNode workflowNodes) {
    List<Component> components = new ArrayList<>();
    componentNodes.forEach(n -> components.add(JSON.convertValue(n, Component.class)));
    components.sort(Comparator.comparing((Component x) -> x.getMetadata().getNamespace())
        .thenComparing(x -> x.getMetadata().getName()));
    return new AutoBuildLookups() {
      @Override
      public List<Component> components() {
        return components;
      }

      @Override
      public Optional<ResolvedWorkflow> workflow(String namespace, String name) {
        return find("Workflow", namespace, name);
      }

      @Override
      public Optional<ResolvedWorkflow> clusterWorkflow(String name) {
        return find("ClusterWorkflow", "", name);
      }

      private Optional<ResolvedWorkflow> find(String kind, String namespace, String name) {
        for (JsonNode w : workflowNodes) {
          if (w.path("kind").asText().equals(kind) && w.path("name").asText().equals(name)
              && w.path("namespace").asText("").equals(namespace)) {
            ObjectNode spec = ((ObjectNode) w.get("spec")).deepCopy();
            spec.putObject("runTemplate");
            return Optional.of(new ResolvedWorkflow(kind, name, namespace, Map.of(), Map.of(),
                JSON.convertValue(spec, WorkflowSpec.class)));
          }
        }
        return Optional.empty();
      }
    };
  }

  private static synchronized void record(String name, String result, String message) {
    ObjectNode line = JSON.createObjectNode();
    line.put("suite", "webhook/cases");
    line.put("name", name);
    line.put("result", result);
    line.put("message", message);
    REPORT.add(line.toString());
  }

  @AfterAll
  static void summary() {
    System.out.printf("webhook conformance: %d passed, %d failed, %d skipped%n", PASSED.get(), FAILED.get(),
        SKIPPED.get());
    String report = System.getProperty("wfrun.conformance.report");
    if (report != null && !report.isBlank()) {
      try {
        Files.write(Path.of(report + ".webhook"), REPORT, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
