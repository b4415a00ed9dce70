package dev.wfrun.core.goldens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.render.RenderedRun;
import dev.wfrun.core.render.WorkflowPipeline;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.yaml.JsonSemantics;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs golden render cases against a pipeline and says, for each, what differs. */
public final class GoldenRunner {
  /** A case's outcome: empty failure means it passed. */
  public record Outcome(GoldenCase goldenCase, Optional<String> failure) {
    public boolean passed() {
      return failure.isEmpty();
    }
  }

  private final WorkflowPipeline pipeline;

  public GoldenRunner(WorkflowPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** The {@code render_cases} of a golden file. */
  public static List<GoldenCase> cases(Manifest file) {
    JsonNode cases = file.node().get("render_cases");
    if (cases == null || !cases.isArray()) {
      throw new ManifestException(file.source() + ": no render_cases list (see workflow-pipeline-cases.yaml for the format)");
    }
    List<GoldenCase> out = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String name = cases.get(i).path("name").asText("case " + (i + 1));
      out.add(new GoldenCase(file.source(), name, cases.get(i)));
    }
    return out;
  }

  public Outcome run(GoldenCase c) {
    return new Outcome(c, check(c));
  }

  private Optional<String> check(GoldenCase c) {
    RenderedRun out;
    try {
      out = pipeline.render(c.input());
    } catch (RuntimeException e) {
      if (!c.expectsError()) {
        return Optional.of("unexpected error: " + e.getMessage());
      }
      String contains = c.body().path("expected_error_contains").asText("");
      return String.valueOf(e.getMessage()).contains(contains)
          ? Optional.empty()
          : Optional.of("error \"" + e.getMessage() + "\" does not contain \"" + contains + "\"");
    }
    if (c.expectsError()) {
      return Optional.of("expected an error, got none");
    }
    JsonNode expected = c.body().path("expected");
    Optional<String> main = JsonSemantics.difference(expected.get("resource"), TemplateValues.toJson(out.resource()));
    if (main.isPresent()) {
      return main.map(d -> "resource " + d);
    }
    return JsonSemantics.difference(expected.path("resources"), resources(out)).map(d -> "resources " + d);
  }

  static ArrayNode resources(RenderedRun out) {
    ArrayNode resources = JsonNodeFactory.instance.arrayNode();
    for (RenderedRun.RenderedResource r : out.resources()) {
      ObjectNode item = resources.addObject();
      item.put("id", r.id());
      item.set("resource", TemplateValues.toJson(r.resource()));
    }
    return resources;
  }
}
