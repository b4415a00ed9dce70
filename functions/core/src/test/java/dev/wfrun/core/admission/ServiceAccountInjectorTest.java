package dev.wfrun.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ServiceAccountInjectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode review(String runTemplateSpec) throws Exception {
    return JSON.readTree("""
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "u", "operation": "CREATE",
         "kind": {"group": "openchoreo.dev", "version": "v1alpha1", "kind": "Workflow"},
         "object": {"spec": {"runTemplate": {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow"%s}}}}}
        """.formatted(runTemplateSpec == null ? "" : ", \"spec\": " + runTemplateSpec));
  }

  private static String patch(JsonNode answer) {
    return new String(Base64.getDecoder().decode(answer.path("response").path("patch").asText()), StandardCharsets.UTF_8);
  }

  @Test
  void overwritesTheServiceAccountName() throws Exception {
    JsonNode answer = ServiceAccountInjector.review(review("{\"serviceAccountName\": \"default\"}"));
    assertThat(answer.path("response").path("patchType").asText()).isEqualTo("JSONPatch");
    assertThat(patch(answer)).isEqualTo(
        "[{\"op\":\"add\",\"path\":\"/spec/runTemplate/spec/serviceAccountName\",\"value\":\"workflow-sa\"}]");
  }

  @Test
  void createsTheSpecWhenThereIsNone() throws Exception {
    assertThat(patch(ServiceAccountInjector.review(review(null))))
        .isEqualTo("[{\"op\":\"add\",\"path\":\"/spec/runTemplate/spec\",\"value\":{\"serviceAccountName\":\"workflow-sa\"}}]");
  }

  @Test
  void refusesASpecThatIsNotAnObject() throws Exception {
    JsonNode answer = ServiceAccountInjector.review(review("[1]"));
    assertThat(answer.path("response").path("allowed").asBoolean()).isFalse();
    assertThat(answer.path("response").path("status").path("message").asText())
        .isEqualTo("failed to default runTemplate: spec is array, expected object");
  }

  @Test
  void leavesARightOneAlone() throws Exception {
    JsonNode answer = ServiceAccountInjector.review(review("{\"serviceAccountName\": \"workflow-sa\"}"));
    assertThat(answer.path("response").path("allowed").asBoolean()).isTrue();
    assertThat(answer.path("response").has("patch")).isFalse();
  }
}
