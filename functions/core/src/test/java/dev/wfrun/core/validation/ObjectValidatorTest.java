package dev.wfrun.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.validation.ObjectValidator.Result;
import dev.wfrun.core.validation.ObjectValidator.Status;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import dev.wfrun.core.yaml.ManifestWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectValidatorTest {
  private static final ObjectValidator VALIDATOR = new ObjectValidator();

  private static final String WORKFLOW = """
      apiVersion: openchoreo.dev/v1alpha1
      kind: Workflow
      metadata: {name: wf, namespace: default}
      spec:
        parameters:
          openAPIV3Schema:
            type: object
            required: [repo]
            properties:
              repo: {type: string}
              replicas: {type: integer, minimum: 1, default: 1}
        runTemplate:
          apiVersion: argoproj.io/v1alpha1
          kind: Workflow
          metadata: {name: "${metadata.workflowRunName}", namespace: "NAMESPACE"}
          spec:
            serviceAccountName: workflow-sa
            arguments:
              parameters: [{name: repo, value: "EXPRESSION"}]
      """;

  private static List<Violation> violations(String yaml) {
    List<Result> results = VALIDATOR.validate(ManifestReader.parse("t.yaml", yaml));
    List<Violation> all = new ArrayList<>();
    results.forEach(r -> all.addAll(r.violations()));
    return all;
  }

  private static String workflow(String namespace, String expression) {
    return WORKFLOW.replace("NAMESPACE", namespace).replace("EXPRESSION", expression);
  }

  @Test
  void acceptsTheUpstreamAndTheSeedExecutionNamespaceForms() {
    assertThat(violations(workflow("${metadata.namespace}", "${parameters.repo}"))).isEmpty();
    assertThat(violations(workflow("openchoreo-ci-${metadata.namespaceName}", "${parameters.repo}"))).isEmpty();
  }

  @Test
  void rejectsARunTemplateThatWouldLandInAnotherNamespace() {
    assertThat(violations(workflow("ci-${metadata.namespaceName}", "${parameters.repo}")))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.path()).isEqualTo("spec.runTemplate.metadata.namespace");
          assertThat(v.reason()).contains("execution namespace");
        });
  }

  @Test
  void reportsACelSyntaxErrorWithItsPathAndExpression() {
    assertThat(violations(workflow("${metadata.namespace}", "${parameters.repo +}")))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.path()).isEqualTo("spec.runTemplate.spec.arguments.parameters[0].value");
          assertThat(v.reason()).startsWith("CEL compilation error in expression 'parameters.repo +'");
        });
  }

  @Test
  void reportsAVariableNoRunProvides() {
    assertThat(violations(workflow("${metadata.namespace}", "${secrets.token}")))
        .singleElement()
        .satisfies(v -> assertThat(v.reason()).contains("undeclared reference to 'secrets'"));
  }

  @Test
  void rejectsUnknownFieldsWhereTheCrdDoesNotPreserveThem() {
    assertThat(violations("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: r}
        spec: {workflow: {name: wf, paramters: {}}}
        """)).singleElement().satisfies(v -> {
          assertThat(v.path()).isEqualTo("spec.workflow.paramters");
          assertThat(v.reason()).contains("unknown field");
        });
  }

  @Test
  void reportsARequiredFieldByPath() {
    assertThat(violations("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: r}
        spec: {workflow: {}}
        """)).extracting(Violation::toString).containsExactly("spec.workflow.name: required");
  }

  @Test
  void checksARunsParametersAgainstItsWorkflowInTheSameBatch() {
    String run = """
        ---
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: r, namespace: default}
        spec: {workflow: {name: wf, parameters: {replicas: 0}}}
        """;
    assertThat(violations(workflow("${metadata.namespace}", "${parameters.repo}") + run))
        .extracting(Violation::toString)
        .as("in document order: the missing one where its parent is")
        .containsExactly("spec.workflow.parameters.repo: required",
            "spec.workflow.parameters.replicas: must have a minimum value of 1");
  }

  @Test
  void reportsEveryProblemOfAWorkflowAtOnceInDocumentOrder() {
    assertThat(violations("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: bad, namespace: default}
        spec:
          ttlAfterCompletion: "1h30"
          parameters:
            openAPIV3Schema:
              type: object
              properties:
                n: {type: integer}
                m: {type: integer, default: "seven"}
          runTemplate:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: "${metadata.workflowRunName}", namespace: "openchoreo-ci-${metadata.namespaceName}"}
            spec: {entrypoint: "${parameters.nope}", x: "${parameters.n.foo}", y: "${size(parameters.n)}"}
        """)).extracting(Violation::path).containsExactly("spec.ttlAfterCompletion",
            "spec.parameters.openAPIV3Schema.properties.m.default", "spec.runTemplate.spec.entrypoint",
            "spec.runTemplate.spec.x", "spec.runTemplate.spec.y");
  }

  @Test
  void aShorthandDefaultOfTheWrongTypeIsNamedByItsKey() {
    assertThat(violations("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: short, namespace: default}
        spec:
          schema:
            parameters:
              docker:
                replicas: 'integer | default=2'
                mode: 'string | enum=fast,slow default=medium'
          runTemplate:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: "${metadata.workflowRunName}", namespace: "${metadata.namespace}"}
            spec: {entrypoint: main}
        """)).singleElement().satisfies(v -> {
          assertThat(v.path()).isEqualTo("spec.schema.parameters");
          assertThat(v.reason()).contains("field \"docker\": field \"mode\": invalid default value", "fast");
        });
  }

  @Test
  void anUndeclaredParameterIsATypeErrorWithTheDeclaredOnes() {
    assertThat(violations(workflow("${metadata.namespace}", "${parameters.rep}"))).singleElement()
        .satisfies(v -> assertThat(v.reason()).isEqualTo(
            "CEL compilation error in expression 'parameters.rep': no such parameter \"rep\" (did you mean \"repo\"?)"));
  }

  @Test
  void schemaProblemsAndSemanticProblemsAreReportedTogether() {
    String yaml = workflow("${metadata.namespace}", "${parameters.nope}").replace("kind: Workflow\n  metadata: {name: \"$",
        "kind: Workflow\n  metadata: {name: \"$") + "  ttlAfterCompletion: 5\n";
    assertThat(violations(yaml)).extracting(Violation::path)
        .contains("spec.ttlAfterCompletion", "spec.runTemplate.spec.arguments.parameters[0].value");
  }

  @Test
  void rejectsDuplicateResourceIds() {
    String yaml = workflow("${metadata.namespace}", "${parameters.repo}") + """
          resources:
          - {id: a, template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}}
          - {id: a, template: {apiVersion: v1, kind: ConfigMap, metadata: {name: y}}}
        """;
    assertThat(violations(yaml)).extracting(Violation::toString)
        .containsExactly("spec.resources[1].id: resource id \"a\" is already used at index 0");
  }

  @Test
  void rejectsATemplatedKind() {
    String yaml = workflow("${metadata.namespace}", "${parameters.repo}").replace("kind: Workflow\n    metadata",
        "kind: \"${parameters.kind}\"\n    metadata");
    assertThat(violations(yaml)).extracting(Violation::toString)
        .contains("spec.runTemplate.kind: kind must be a literal value, not a template expression");
  }

  @Test
  void evaluatesTheCrdsCelValidationRules() {
    assertThat(violations("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workload
        metadata: {name: w}
        spec:
          owner: {projectName: p, componentName: c}
          container:
            image: nginx
            env: [{key: A}]
        """)).extracting(Violation::toString)
        .containsExactly("spec.container.env[0]: exactly one of value or valueFrom must be set");
    assertThat(violations("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: ClusterWorkflowPlane
        metadata: {name: p}
        spec:
          planeID: p
          clusterAgent: {clientCA: {value: x}}
          observabilityPlaneRef: {kind: ObservabilityPlane, name: o}
        """)).extracting(Violation::reason).anySatisfy(r -> assertThat(r).contains("must be one of"));
  }

  @Test
  void unknownOpenChoreoKindIsInvalidAndOtherGroupsAreSkipped() {
    List<Result> results = VALIDATOR.validate(ManifestReader.parse("t.yaml", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: Gizmo
        metadata: {name: g}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: ClusterWorkflowTemplate
        metadata: {name: c}
        """));
    assertThat(results).extracting(Result::status).containsExactly(Status.INVALID, Status.SKIPPED);
    assertThat(results.get(0).violations()).extracting(Violation::reason)
        .containsExactly("unknown kind \"Gizmo\" in openchoreo.dev/v1alpha1");
  }

  @Test
  void theSeedDockerWorkflowIsValidAndABrokenCopyIsNot() {
    Manifest docker = Repo.sample("docker-build/workflow-docker.yaml");
    assertThat(VALIDATOR.validate(List.of(docker))).extracting(Result::status).containsExactly(Status.VALID);
    String broken = ManifestWriter.yaml(docker.node()).replace("ttlAfterCompletion: 7d", "ttlAfterCompletion: 1h30");
    assertThat(violations(broken)).extracting(Violation::toString).containsExactly(
        "spec.ttlAfterCompletion: invalid ttlAfterCompletion \"1h30\": expected days, hours, minutes, seconds "
            + "in that order, such as 90d, 1h30m or 1d12h30m15s");
  }
}
