package dev.wfrun.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.ClusterComponentType;
import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.ComponentType;
import dev.wfrun.api.v1alpha1.SecretReference;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.Workload;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.yaml.Manifest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every object under samples/ is valid against its CRD and survives the typed model unchanged. */
class SamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Class<?>> MODEL = Map.of(
      "Workflow", Workflow.class,
      "ClusterWorkflow", ClusterWorkflow.class,
      "WorkflowRun", WorkflowRun.class,
      "WorkflowPlane", WorkflowPlane.class,
      "ClusterWorkflowPlane", ClusterWorkflowPlane.class,
      "Component", Component.class,
      "ComponentType", ComponentType.class,
      "ClusterComponentType", ClusterComponentType.class,
      "Workload", Workload.class,
      "SecretReference", SecretReference.class);

  /** Validated together, so that runs are checked against their Workflows. */
  private static final List<ObjectValidator.Result> RESULTS = new ObjectValidator().validate(Repo.allSampleManifests());

  static Stream<Manifest> openChoreoSamples() {
    return Repo.allSampleManifests().stream().filter(m -> m.apiVersion().startsWith("openchoreo.dev/"));
  }

  /** Objects with a kind (the workload descriptor has none: it is validated through the Workload it makes). */
  static Stream<Manifest> typedSamples() {
    return openChoreoSamples().filter(m -> !m.kind().isEmpty());
  }

  @Test
  void theWorkloadDescriptorSampleIsChecked() {
    assertThat(RESULTS).anySatisfy(r -> {
      assertThat(r.manifest().source()).endsWith("workload/workload.yaml");
      assertThat(r.status()).isEqualTo(ObjectValidator.Status.VALID);
    });
  }

  @Test
  void samplesCoverEveryKindTheSeedsShow() {
    List<String> kinds = Repo.allSampleManifests().stream().map(Manifest::kind).distinct().toList();
    assertThat(kinds).contains("Workflow", "WorkflowRun", "ClusterWorkflowTemplate", "Component", "ComponentType",
        "SecretReference", "ClusterWorkflowPlane");
  }

  @Test
  void theSamplesGoldenTestsPass() {
    var runner = new dev.wfrun.core.goldens.GoldenRunner(
        new dev.wfrun.core.render.WorkflowPipeline(new dev.wfrun.core.template.TemplateEngine(), true));
    var file = dev.wfrun.core.yaml.ManifestReader.read(Repo.samples().resolve("tests/docker-workflow-test.yaml")).get(0);
    assertThat(dev.wfrun.core.goldens.GoldenRunner.cases(file)).hasSize(2)
        .allSatisfy(c -> assertThat(runner.run(c).failure()).as(c.name()).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("openChoreoSamples")
  void sampleValidatesAgainstItsCrdAndSemantics(Manifest sample) {
    ObjectValidator.Result result = RESULTS.stream()
        .filter(r -> r.manifest().equals(sample)).findFirst().orElseThrow();
    assertThat(result.violations()).as(sample.describe()).isEmpty();
    assertThat(result.status()).isEqualTo(ObjectValidator.Status.VALID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typedSamples")
  void sampleRoundTripsThroughTheTypedModelUnchanged(Manifest sample) throws Exception {
    Class<?> type = MODEL.get(sample.kind());
    assertThat(type).as("typed model for " + sample.kind()).isNotNull();
    Object typed = JSON.treeToValue(sample.node(), type);
    // through text, so that numbers compare by value (a Long field reads back as an int node)
    JsonNode back = JSON.readTree(JSON.writeValueAsString(typed));
    assertThat(back).isEqualTo(JSON.readTree(JSON.writeValueAsString(sample.node())));
  }
}
