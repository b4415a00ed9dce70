package dev.wfrun.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.testing.World;
import dev.wfrun.core.validation.ObjectValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The validating webhook's answers, reading the cluster as the wfrun-admission ServiceAccount (its RBAC from knative/). */
class AdmissionReviewerTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private final World world = new World();
  private final AdmissionReviewer reviewer = new AdmissionReviewer(new ObjectValidator(),
      new ClusterChecks(world.as("wfrun-admission")));

  @AfterEach
  void close() {
    world.close();
  }

  private static JsonNode review(String operation, String kind, String namespace, String objectYaml) throws Exception {
    ObjectNode review = new ObjectMapper().createObjectNode().put("apiVersion", "admission.k8s.io/v1")
        .put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", "uid-1").put("operation", operation);
    request.putObject("kind").put("group", "openchoreo.dev").put("version", "v1alpha1").put("kind", kind);
    if (namespace != null) {
      request.put("namespace", namespace);
    }
    request.set("object", objectYaml == null ? null : YAML.readTree(objectYaml));
    return review;
  }

  @Test
  void refusesAWorkflowWithEveryProblemInOneAnswer() throws Exception {
    JsonNode answer = reviewer.review(review("CREATE", "Workflow", "default", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: bad}
        spec:
          ttlAfterCompletion: "1h30"
          parameters:
            openAPIV3Schema: {type: object, properties: {n: {type: integer}}}
          runTemplate:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: "${metadata.workflowRunName}", namespace: "openchoreo-ci-${metadata.namespaceName}"}
            spec: {entrypoint: "${parameters.nope}", x: "${parameters.n.foo}", y: "${size(parameters.n)}"}
        """)).path("response");
    assertThat(answer.path("uid").asText()).isEqualTo("uid-1");
    assertThat(answer.path("allowed").asBoolean()).isFalse();
    assertThat(answer.path("status").path("code").asInt()).isEqualTo(422);
    assertThat(answer.path("status").path("message").asText()).startsWith("Workflow.openchoreo.dev \"bad\" is invalid: [");
    assertThat(answer.path("status").path("details").path("causes").findValuesAsText("field")).containsExactly(
        "spec.ttlAfterCompletion", "spec.runTemplate.spec.entrypoint", "spec.runTemplate.spec.x",
        "spec.runTemplate.spec.y");
  }

  @Test
  void admitsTheSeedDockerWorkflow() throws Exception {
    JsonNode answer = reviewer.review(review("UPDATE", "Workflow", "default",
        Repo.sample("docker-build/workflow-docker.yaml").node().toString())).path("response");
    assertThat(answer.path("allowed").asBoolean()).as(answer.toString()).isTrue();
    assertThat(answer.has("status")).isFalse();
  }

  @Test
  void refusesARunWithEveryParameterViolationAgainstItsWorkflowAfterDefaulting() throws Exception {
    JsonNode answer = reviewer.review(review("CREATE", "WorkflowRun", "default", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: r1}
        spec:
          workflow:
            name: docker
            parameters: {repository: {url: "ftp://nope", revision: {branch: 7}}, docker: {context: 5}}
        """)).path("response");
    assertThat(answer.path("allowed").asBoolean()).isFalse();
    assertThat(answer.path("status").path("details").path("causes").findValuesAsText("field")).contains(
        "spec.workflow.parameters.repository.url", "spec.workflow.parameters.repository.revision.branch",
        "spec.workflow.parameters.docker.context");
  }

  @Test
  void aRunWhoseWorkflowIsNotThereYetIsAdmittedWithAWarning() throws Exception {
    JsonNode answer = reviewer.review(review("CREATE", "WorkflowRun", "default", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: r2}
        spec: {workflow: {name: applied-later}}
        """)).path("response");
    assertThat(answer.path("allowed").asBoolean()).isTrue();
    assertThat(answer.path("warnings").get(0).asText()).contains("not in the cluster yet");
  }

  @Test
  void aComponentBuildWithAWorkflowItsTypeDoesNotAllowIsRefused() throws Exception {
    world.apply(dev.wfrun.core.yaml.ManifestReader.parse("other", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: other, namespace: default}
        spec:
          runTemplate:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: "${metadata.workflowRunName}", namespace: "${metadata.namespace}"}
            spec: {entrypoint: main}
        """).get(0));
    JsonNode answer = reviewer.review(review("CREATE", "WorkflowRun", "default", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata:
          name: r3
          labels: {openchoreo.dev/component: greeter-service, openchoreo.dev/project: default}
        spec: {workflow: {name: other}}
        """)).path("response");
    assertThat(answer.path("allowed").asBoolean()).isFalse();
    assertThat(answer.path("status").path("message").asText()).contains("is not allowed for component type");
  }

  @Test
  void refusesAPlaneWhoseClientCaIsNotAPemCertificate() throws Exception {
    JsonNode answer = reviewer.review(review("CREATE", "ClusterWorkflowPlane", null, """
        apiVersion: openchoreo.dev/v1alpha1
        kind: ClusterWorkflowPlane
        metadata: {name: edge}
        spec:
          planeID: edge
          clusterAgent: {clientCA: {value: "-----BEGIN CERTIFICATE-----\\nnot base64\\n-----END CERTIFICATE-----\\n"}}
        """)).path("response");
    assertThat(answer.path("allowed").asBoolean()).isFalse();
    assertThat(answer.path("status").path("details").path("causes").findValuesAsText("field"))
        .contains("spec.clusterAgent.clientCA.value");
  }

  @Test
  void deletesAndOtherKindsAreAllowed() throws Exception {
    assertThat(reviewer.review(review("DELETE", "Workflow", "default", null)).path("response").path("allowed")
        .asBoolean()).isTrue();
    assertThat(reviewer.review(review("CREATE", "Workload", "default", "{metadata: {name: w}}")).path("response")
        .path("allowed").asBoolean()).isTrue();
  }
}
