package dev.wfrun.core.conformance;

import static dev.wfrun.core.conformance.JsonAssert.assertSemanticEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.goldens.GoldenCase;
import dev.wfrun.core.render.PostProcessing;
import dev.wfrun.core.render.RenderInput;
import dev.wfrun.core.render.RenderedResources;
import dev.wfrun.core.render.RenderedRun;
import dev.wfrun.core.render.RunParameters;
import dev.wfrun.core.render.WorkflowPipeline;
import dev.wfrun.core.template.TemplateEngine;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.template.TemplateValues.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The harnesses of {@code workflow-pipeline-cases.yaml}: render cases and helper cases. */
final class PipelineConformance {
  static final String FILE = "workflow-pipeline-cases.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Upstream's pipeline never validates parameters; the conformance cases render it that way. */
  private static final WorkflowPipeline PIPELINE = new WorkflowPipeline(new TemplateEngine(), false);

  private PipelineConformance() {}

  static Stream<ConformanceCase> cases() {
    JsonNode root = ConformanceFiles.read(FILE);
    List<ConformanceCase> all = new ArrayList<>();
    root.get("render_cases").forEach(c ->
        all.add(new ConformanceCase("pipeline/render_cases", c.get("name").asText(), c, PipelineConformance::render)));
    root.get("helper_cases").forEach(c ->
        all.add(new ConformanceCase("pipeline/helper_cases", c.get("name").asText(), c, PipelineConformance::helper)));
    return all.stream();
  }

  private static void render(JsonNode body) {
    RenderInput input = GoldenCase.inputOf(body.get("input"));
    if (Expect.error(body)) {
      Expect.failure(body, () -> PIPELINE.render(input));
      return;
    }
    JsonNode expected = body.get("expected");
    if (expected.has("validateInput")) {
      WorkflowPipeline.checkInput(input);
      return;
    }
    RenderedRun out = PIPELINE.render(input);
    assertSemanticEquals(expected.get("resource"), TemplateValues.toJson(out.resource()));
    ArrayNode resources = JSON.createArrayNode();
    for (RenderedRun.RenderedResource r : out.resources()) {
      ObjectNode item = resources.addObject();
      item.put("id", r.id());
      item.set("resource", TemplateValues.toJson(r.resource()));
    }
    assertSemanticEquals(expected.path("resources"), resources);
  }

  private static void helper(JsonNode body) throws Exception {
    String fn = body.get("fn").asText();
    JsonNode input = body.get("input");
    Expect.ThrowingRunnable action = switch (fn) {
      case "extractParameters" -> () -> assertSemanticEquals(body.get("expected"), RunParameters.extract(input));
      case "validateRenderedResource" -> () -> RenderedResources.validate(TemplateValues.fromJson(input, Numbers.GO_FLOAT));
      case "convertComplexValuesToJSONStrings" -> () -> assertSemanticEquals(body.get("expected"),
          TemplateValues.toJson(PostProcessing.complexValuesToJsonStrings(TemplateValues.fromJson(input, Numbers.GO_FLOAT))));
      case "convertFlowStyleArraysToSlices" -> () -> assertSemanticEquals(body.get("expected"),
          TemplateValues.toJson(PostProcessing.flowStyleArraysToLists(TemplateValues.fromJson(input, Numbers.GO_FLOAT))));
      default -> () -> {
        throw new AssertionError("no harness for helper " + fn);
      };
    };
    if (Expect.error(body)) {
      Expect.failure(body, action);
    } else {
      action.run();
    }
  }
}
