package dev.wfrun.dev.buildplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedOutputsTest {
  @Test
  void substitutesWorkflowParametersNamesAndStepOutputs() {
    String text = SimulatedOutputs.substitute(
        "{{workflow.parameters.image-name}}:{{workflow.name}} {{steps.publish-image.outputs.parameters.image}} {{other}}",
        "wf-1", Map.of("image-name", "img"), Map.of("steps.publish-image.outputs.parameters.image", "reg/img:1"));
    assertThat(text).isEqualTo("img:wf-1 reg/img:1 {{other}}");
  }
}
