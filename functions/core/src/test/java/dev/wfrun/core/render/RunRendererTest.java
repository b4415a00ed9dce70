package dev.wfrun.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.yaml.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRendererTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private final RunRenderer renderer = new RunRenderer();

  @Test
  void rendersTheSeedDockerRunAsTheGoldenFile() throws Exception {
    RenderedRun out = renderer.render(Fixtures.run("docker-build/workflowrun-greeter-build-01.yaml"),
        Fixtures.dockerWorkflow(), "vault-backend", Fixtures.githubCredentials());
    assertMatchesGolden("greeter-build-01.yaml", out);
  }

  @Test
  void minimalRunGetsEveryOtherValueFromTheSchemaDefaults() throws Exception {
    RenderedRun out = renderer.render(Fixtures.run("docker-build/workflowrun-simple-run.yaml"),
        Fixtures.dockerWorkflow(), "", SecretReferenceLookup.none());
    assertMatchesGolden("simple-run.yaml", out);
    assertThat(out.resources()).as("no secretRef, so no git secret").isEmpty();
  }

  @Test
  void reportsEveryParameterViolationWithItsPath() {
    var run = Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: bad, namespace: default}
        spec:
          workflow:
            name: docker
            parameters:
              repository:
                revision: {branch: 7}
              docker: {context: [a]}
        """);
    assertThatThrownBy(() -> renderer.render(run, Fixtures.dockerWorkflow(), "", SecretReferenceLookup.none()))
        .isInstanceOfSatisfying(ParameterValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::toString)
            .containsExactly(
                "spec.workflow.parameters.docker.context: must be of type string, got array",
                "spec.workflow.parameters.repository.revision.branch: must be of type string, got number",
                "spec.workflow.parameters.repository.url: required"));
  }

  @Test
  void refusesATemplateThatRendersIntoAnotherNamespace() {
    var workflow = Fixtures.workflowYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: escape, namespace: team-a}
        spec:
          runTemplate:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: "${metadata.workflowRunName}", namespace: "openchoreo-ci-team-b"}
            spec: {serviceAccountName: workflow-sa}
        """);
    var run = Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: r1, namespace: team-a}
        spec: {workflow: {name: escape}}
        """);
    assertThatThrownBy(() -> renderer.render(run, workflow, "", SecretReferenceLookup.none()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("spec.runTemplate.metadata.namespace")
        .hasMessageContaining("openchoreo-ci-team-b")
        .hasMessageContaining("openchoreo-ci-team-a");
  }

  @Test
  void parameterValuesThatLookLikeExpressionsAreDataNotCode() {
    var run = Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: inject, namespace: default}
        spec:
          workflow:
            name: docker
            parameters:
              repository: {url: "${metadata.labels}", appPath: "x-${parameters.repository.url}"}
        """);
    RenderedRun out = renderer.render(run, Fixtures.dockerWorkflowWithoutPatterns(), "", SecretReferenceLookup.none());
    Map<String, String> args = argoParameters(out);
    assertThat(args.get("git-repo")).isEqualTo("${metadata.labels}");
    assertThat(args.get("app-path")).isEqualTo("x-${parameters.repository.url}");
  }

  @Test
  void theSampleSchemaRefusesShellMetacharactersInEveryFieldAStepUses() {
    var run = Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: inject, namespace: default}
        spec:
          workflow:
            name: docker
            parameters:
              repository:
                url: "https://github.com/o/r; id"
                revision: {branch: 'main"; id; echo "', commit: "$(id)"}
                appPath: "`id`"
              docker: {context: ". && id", filePath: "Dockerfile|id"}
        """);
    assertThatThrownBy(() -> renderer.render(run, Fixtures.dockerWorkflow(), "", SecretReferenceLookup.none()))
        .isInstanceOfSatisfying(dev.wfrun.core.render.ParameterValidationException.class, e -> assertThat(e.getMessage())
            .contains("repository.url", "repository.revision.branch", "repository.revision.commit",
                "repository.appPath", "docker.context", "docker.filePath"));
  }

  @Test
  void missingSecretReferenceNamesTheRefAndTheNamespace() {
    assertThatThrownBy(() -> renderer.render(Fixtures.run("docker-build/workflowrun-greeter-build-01.yaml"),
        Fixtures.dockerWorkflow(), "", SecretReferenceLookup.none()))
        .isInstanceOf(RenderException.class)
        .hasMessage("failed to resolve externalRef \"git-secret-reference\": failed to get SecretReference "
            + "\"github-credentials\" in namespace \"default\": not found");
  }

  @Test
  void argoParameterValuesAreStringsAsGoPrintsThem() {
    var workflow = Fixtures.workflowYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: numbers, namespace: default}
        spec:
          parameters:
            openAPIV3Schema:
              type: object
              properties:
                big: {type: integer, default: 1000000}
                list: {type: array, items: {type: string}, default: [a, b]}
          runTemplate:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: "${metadata.workflowRunName}", namespace: "${metadata.namespace}"}
            spec:
              serviceAccountName: workflow-sa
              arguments:
                parameters:
                - {name: user-big, value: "${parameters.userBig}"}
                - {name: default-big, value: "${parameters.big}"}
                - {name: flag, value: "${true}"}
                - {name: list, value: "${parameters.list}"}
        """);
    var run = Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: n1, namespace: default}
        spec: {workflow: {name: numbers, parameters: {userBig: 1048576}}}
        """);
    Map<String, String> args = argoParameters(renderer.render(run, workflow, "", SecretReferenceLookup.none()));
    assertThat(args).containsEntry("user-big", "1.048576e+06") // a user number is a Go float64
        .containsEntry("default-big", "1000000") // a schema default is an int64
        .containsEntry("flag", "true")
        .containsEntry("list", "[\"a\",\"b\"]");
  }

  @Test
  void everyBuildPlaneObjectCarriesTheOwnershipLabels() {
    RenderedRun out = renderer.render(Fixtures.run("docker-build/workflowrun-greeter-build-01.yaml"),
        Fixtures.dockerWorkflow(), "vault-backend", Fixtures.githubCredentials());
    assertThat(labels(out.resource())).containsEntry("openchoreo.dev/workflowrun", "greeter-build-01")
        .containsEntry("openchoreo.dev/workflowrun-namespace", "default")
        .containsEntry("openchoreo.dev/managed-by", "workflowrun-controller");
    assertThat(out.resources()).singleElement().satisfies(r ->
        assertThat(labels(r.resource())).containsEntry("openchoreo.dev/workflowrun", "greeter-build-01"));
  }

  @Test
  void componentRunsSeeTheirRepositoryAsSystemParameters() {
    var workflow = Fixtures.workflowYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: Workflow
        metadata: {name: ci, namespace: default}
        spec:
          parameters:
            openAPIV3Schema:
              type: object
              properties:
                source:
                  type: object
                  properties:
                    repo: {type: string, x-openchoreo-component-parameter-repository-url: true}
                    ref: {type: string, default: trunk, x-openchoreo-component-parameter-repository-branch: true}
          runTemplate:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: "${metadata.workflowRunName}", namespace: "${metadata.namespace}"}
            spec:
              serviceAccountName: workflow-sa
              arguments:
                parameters:
                - {name: url, value: "${systemParameters.repository.url}"}
                - {name: branch, value: "${systemParameters.repository.revision.branch}"}
        """);
    var run = Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata:
          name: c1
          namespace: default
          labels: {openchoreo.dev/component: greeter, openchoreo.dev/project: default}
        spec: {workflow: {name: ci, parameters: {source: {repo: "https://git.example/greeter"}}}}
        """);
    assertThat(argoParameters(renderer.render(run, workflow, "", SecretReferenceLookup.none())))
        .containsEntry("url", "https://git.example/greeter")
        .containsEntry("branch", "trunk");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Map<String, Object> resource) {
    return (Map<String, Object>) ((Map<String, Object>) resource.get("metadata")).get("labels");
  }

  private static Map<String, String> argoParameters(RenderedRun out) {
    JsonNode params = TemplateValues.toJson(out.resource()).path("spec").path("arguments").path("parameters");
    Map<String, String> byName = new java.util.LinkedHashMap<>();
    params.forEach(p -> byName.put(p.get("name").asText(), p.get("value").asText()));
    return byName;
  }

  static void assertMatchesGolden(String name, RenderedRun out) throws Exception {
    ArrayNode docs = JsonNodeFactory.instance.arrayNode();
    docs.add(TemplateValues.toJson(out.resource()));
    out.resources().forEach(r -> docs.add(TemplateValues.toJson(r.resource())));
    StringBuilder yaml = new StringBuilder();
    for (JsonNode doc : docs) {
      yaml.append(ManifestReader.YAML.writeValueAsString(doc));
    }
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("wfrun.golden.update")) {
      Files.writeString(file, yaml.toString());
    }
    List<JsonNode> expected = ManifestReader.parse(name, Files.readString(file)).stream()
        .map(m -> m.node()).toList();
    assertThat(docs).containsExactlyElementsOf(expected);
  }
}
