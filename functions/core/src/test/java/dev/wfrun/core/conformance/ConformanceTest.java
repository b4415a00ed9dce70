package dev.wfrun.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the shared template, schema, pipeline and status-mapping conformance files (from
 * {@code -Dwfrun.conformance.dir}, default {@code ../shared/conformance}), each suite with the
 * harness its file describes. Only cases listed in {@code conformance-deviations.yaml} may be
 * skipped. Prints {@code conformance: N passed, M failed, K skipped} and, with
 * {@code -Dwfrun.conformance.report=FILE}, writes one JSON line per case.
 */
class ConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger FAILED = new AtomicInteger();
  private static final AtomicInteger SKIPPED = new AtomicInteger();
  private static final List<String> REPORT = new ArrayList<>();

  @TestFactory
  Stream<DynamicTest> templateCases() {
    return run(TemplateConformance.cases());
  }

  @TestFactory
  Stream<DynamicTest> schemaCases() {
    return run(SchemaConformance.cases());
  }

  @TestFactory
  Stream<DynamicTest> pipelineCases() {
    return run(PipelineConformance.cases());
  }

  @TestFactory
  Stream<DynamicTest> statusCases() {
    return run(StatusConformance.cases());
  }

  private static Stream<DynamicTest> run(Stream<ConformanceCase> cases) {
    Deviations deviations = Deviations.load();
    return cases.map(c -> DynamicTest.dynamicTest(c.suite() + " :: " + c.name(), () -> {
      Deviations.Deviation deviation = deviations.find(c.suite(), c.name());
      if (deviation != null && deviation.substitute() != null) {
        runCase(c, deviation.adjust(c.body()), "passed with the deviation's adjusted expectation");
        return;
      }
      if (deviation != null) {
        SKIPPED.incrementAndGet();
        record(c, "skipped", deviation.reason());
        Assumptions.abort("deviation: " + deviation.reason());
      }
      runCase(c, c.body(), "");
    }));
  }

  private static void runCase(ConformanceCase c, JsonNode body, String note) throws Throwable {
    try {
      c.check().run(body);
      PASSED.incrementAndGet();
      record(c, "passed", note);
    } catch (Throwable t) {
      FAILED.incrementAndGet();
      record(c, "failed", String.valueOf(t.getMessage()));
      throw t;
    }
  }

  private static synchronized void record(ConformanceCase c, String result, String message) {
    ObjectNode line = JSON.createObjectNode();
    line.put("suite", c.suite());
    line.put("name", c.name());
    line.put("result", result);
    line.put("message", message);
    REPORT.add(line.toString());
  }

  @AfterAll
  static void summary() {
    System.out.printf(
        "conformance: %d passed, %d failed, %d skipped%n", PASSED.get(), FAILED.get(), SKIPPED.get());
    String report = System.getProperty("wfrun.conformance.report");
    if (report != null && !report.isBlank()) {
      try {
        Files.write(Path.of(report), REPORT, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

}
