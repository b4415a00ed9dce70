package dev.wfrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the CLI as a user would, through its arguments, output and exit code. */
class WfrunCommandTest {
  private static final Path SAMPLES = repoRoot().resolve("samples");

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  private static Run wfrun(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] strings = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
    int code = WfrunCommand.execute(strings, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples")) && Files.isDirectory(p.resolve("crds"))) {
        return p;
      }
    }
    throw new IllegalStateException("repository root not found");
  }

  private Path write(String name, String content) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void aRunCommandAgainstNoRunApiIsOneLineAndExitCode2() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Run run = wfrun("cancel", "some-run", "--api", "http://127.0.0.1:" + closed, "--token", "t");
    assertThat(run.code()).isEqualTo(WfrunCommand.BAD_INPUT);
    assertThat(run.err().strip()).startsWith("wfrun cancel: run API http://127.0.0.1:" + closed + ": cannot connect")
        .doesNotContain("\n");
  }

  @Test
  void aParameterWithoutAValueIsOneLineAndExitCode2() {
    Run run = wfrun("run", "docker", "--set", "repository.url", "--api", "http://127.0.0.1:1", "--token", "t");
    assertThat(run.code()).isEqualTo(WfrunCommand.BAD_INPUT);
    assertThat(run.err().strip()).isEqualTo("wfrun run: --set repository.url: expected PATH=VALUE");
  }

  @Test
  void aRunApiRefusalIsItsProblemDetailAndExitCode2() throws Exception {
    com.sun.net.httpserver.HttpServer api = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/", exchange -> {
      byte[] body = ("{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"user \\\"reader\\\" may not update "
          + "workflowruns in namespace \\\"default\\\"\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
      exchange.sendResponseHeaders(403, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    api.start();
    try {
      Run run = wfrun("cancel", "r1", "--api", "http://127.0.0.1:" + api.getAddress().getPort(), "--token", "t");
      assertThat(run.code()).isEqualTo(WfrunCommand.BAD_INPUT);
      assertThat(run.err()).contains("run API: HTTP 403: user \"reader\" may not update workflowruns in namespace");
    } finally {
      api.stop(0);
    }
  }

  @Test
  void renderPrintsTheArgoWorkflowAndTheGitSecret() {
    Run run = wfrun("render", "-w", SAMPLES.resolve("docker-build/workflow-docker.yaml"),
        "-r", SAMPLES.resolve("docker-build/workflowrun-greeter-build-01.yaml"),
        "--ref", SAMPLES.resolve("docker-build/secretreference-github-credentials.yaml"),
        "--ref", SAMPLES.resolve("platform/clusterworkflowplane-default.yaml"));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("---\napiVersion: argoproj.io/v1alpha1\nkind: Workflow\n")
        .contains("namespace: openchoreo-ci-default", "value: greeter-build-01-git-secret",
            "kind: ExternalSecret", "name: default\n"); // the plane's secret store
    assertThat(run.err()).isEmpty();
  }

  @Test
  void renderAsJsonIsAnArrayOfObjects() throws Exception {
    Run run = wfrun("render", "-o", "json", "-w", SAMPLES.resolve("github-stats-report/workflow.yaml"),
        "-r", SAMPLES.resolve("github-stats-report/workflowrun.yaml"));
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("spec").path("arguments").path("parameters").get(0).path("value").asText())
        .isEqualTo("openchoreo/openchoreo");
  }

  @Test
  void malformedYamlIsOneLineAndExitTwo() throws Exception {
    Path bad = write("bad.yaml", "kind: Workflow\nmetadata: {name: x\n");
    Run run = wfrun("render", "-w", bad, "-r", SAMPLES.resolve("docker-build/workflowrun-simple-run.yaml"));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().satisfies(line ->
        assertThat(line).startsWith("wfrun render: " + bad + ": invalid YAML at line"));
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMissingWorkflowSaysWhichRunNeedsWhichWorkflow() {
    Run run = wfrun("render", "-w", SAMPLES.resolve("github-stats-report/workflow.yaml"),
        "-r", SAMPLES.resolve("docker-build/workflowrun-simple-run.yaml"));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("WorkflowRun/simple-run: spec.workflow: no Workflow 'docker'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void wrongParameterTypesNameThePathAndNothingIsPrinted() throws Exception {
    String text = Files.readString(SAMPLES.resolve("docker-build/workflowrun-docker-build-run-01.yaml"))
        .replace("branch: main", "branch: [main]");
    Path run = write("run.yaml", text);
    Run result = wfrun("render", "-w", SAMPLES.resolve("docker-build/workflow-docker.yaml"), "-r", run);
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().strip()).isEqualTo("wfrun render: " + run + ": WorkflowRun/docker-build-run-01 "
        + "spec.workflow.parameters.repository.revision.branch: must be of type string, got array");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void errorsCarryNoStackTraceUnlessVerbose() throws Exception {
    Path bad = write("ttl.yaml", Files.readString(SAMPLES.resolve("docker-build/workflow-docker.yaml"))
        .replace("ttlAfterCompletion: 7d", "ttlAfterCompletion: 1h30"));
    Run quiet = wfrun("schema", "-w", bad);
    assertThat(quiet.code()).isEqualTo(2);
    assertThat(quiet.err()).contains("invalid ttlAfterCompletion \"1h30\"").doesNotContain("\tat ");
    Run verbose = wfrun("schema", "--verbose", "-w", bad);
    assertThat(verbose.err()).contains("\tat ");
  }

  @Test
  void validateChecksEverySampleAndSkipsArgoObjects() {
    Run run = wfrun("validate", SAMPLES.resolve("docker-build"), SAMPLES.resolve("component"),
        SAMPLES.resolve("platform"));
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("ok      ").contains("skipped ").endsWith("0 invalid, 7 skipped\n");
  }

  @Test
  void validateExitsOneAndListsEachProblem() throws Exception {
    Path bad = write("bad.yaml", """
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: r}
        spec: {workflow: {name: ""}, ttlAfterCompletion: "-5m"}
        """);
    Run run = wfrun("validate", bad);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("invalid " + bad + ": WorkflowRun/r spec.workflow.name:")
        .contains("spec.ttlAfterCompletion: invalid ttlAfterCompletion \"-5m\"")
        .endsWith("0 valid, 1 invalid (2 problems), 0 skipped\n");
  }

  @Test
  void schemaPrintsTheJsonSchemaOfTheShorthand() {
    Run run = wfrun("schema", "-o", "json", "-w", SAMPLES.resolve("docker-build/workflow-docker.yaml"));
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("\"required\" : [ \"url\" ]").contains("\"default\" : \"./Dockerfile\"");
  }

  @Test
  void schemaWithParametersPrintsTheDefaultedValues() {
    Run run = wfrun("schema", "-w", SAMPLES.resolve("docker-build/workflow-docker.yaml"),
        "-p", SAMPLES.resolve("docker-build/workflowrun-simple-run.yaml"));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("branch: main", "filePath: ./Dockerfile", "url: https://github.com/myorg/hello-world");
  }

  @Test
  void schemaWithBadParametersListsEveryViolationAndExitsOne() throws Exception {
    Path params = write("p.yaml", "repository: {revision: {branch: 1}}\n");
    Run run = wfrun("schema", "-w", SAMPLES.resolve("docker-build/workflow-docker.yaml"), "-p", params);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines()).containsExactly(
        params + ": repository.revision.branch: must be of type string, got integer",
        params + ": repository.url: required");
  }

  @Test
  void testRunsGoldenCasesAndCountsThem() {
    Run run = wfrun("test", SAMPLES.resolve("tests"));
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).endsWith("2 passed, 0 failed\n");
  }

  @Test
  void aFailingGoldenCaseShowsTheDifferenceAndExitsOne() throws Exception {
    Path golden = write("g.yaml", Files.readString(SAMPLES.resolve("tests/docker-workflow-test.yaml"))
        .replace("{name: branch, value: main}", "{name: branch, value: develop}"));
    Run run = wfrun("test", golden);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL " + golden + ": minimal run takes every other value from the schema defaults: "
        + "resource $.spec.arguments.parameters[1].value: expected \"develop\", got \"main\"")
        .endsWith("1 passed, 1 failed\n");
  }

  @Test
  void aCommandIsRequired() {
    Run run = wfrun();
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("a command is required");
  }

  @Test
  void aWatchedRunShowsWhyItWaitsThenItsTasks() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode queued = json.readTree("""
        {"status":"Pending","steps":[],"conditions":[{"type":"WorkflowCompleted","status":"False","reason":"Queued",
         "message":"queued behind 1 run of component greeter-service (1 of 1 slot in use)"}]}
        """);
    assertThat(WaitCommand.progress("b-1", queued)).isEqualTo(
        "run b-1: Pending (Queued: queued behind 1 run of component greeter-service (1 of 1 slot in use))");
    JsonNode running = json.readTree("""
        {"status":"Running","steps":[{"name":"checkout-source","phase":"Succeeded"},{"name":"build-image","phase":"Running"}],
         "conditions":[{"type":"WorkflowCompleted","status":"False","reason":"WorkflowPending"}]}
        """);
    assertThat(WaitCommand.progress("b-1", running))
        .isEqualTo("run b-1: Running checkout-source=Succeeded build-image=Running");
  }
}
