package dev.wfrun.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.core.render.RunRenderer;
import org.junit.jupiter.api.Test;

/** The warm-up's packaged input renders (a warm-up that fails to parse warms nothing). */
class WarmupRenderTest {
  @Test
  void packagedWarmUpRunRendersWithDefaultsAndWholeValueExpressions() throws Exception {
    JsonNode rendered = new ObjectMapper().readTree(Warmup.render(new RunRenderer()));

    JsonNode parameters = rendered.at("/spec/arguments/parameters");
    assertThat(parameters.get(0).get("value").asText()).isEqualTo("main");
    // a map in an Argo parameter (a string field) arrives as its JSON
    JsonNode settings = new ObjectMapper().readTree(parameters.get(1).get("value").asText());
    assertThat(settings.get("url").asText()).isEqualTo("https://example.invalid/wfrun/warm-up");
    assertThat(settings.get("replicas").asInt()).isEqualTo(1);
    assertThat(settings.get("upper").asText()).isEqualTo("MAIN");
    assertThat(rendered.at("/metadata/namespace").asText()).isEqualTo("openchoreo-ci-wfrun-warm-up");
  }
}
