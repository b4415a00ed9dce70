package dev.wfrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.validation.CrdCatalog;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.WebhookHeaders;
import dev.wfrun.core.webhook.WebhookSignatures;
import dev.wfrun.core.yaml.ManifestReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wfrun sign and wfrun workload create, through their arguments, output and exit codes. */
class SignAndWorkloadCommandTest {
  private static final Path PUSH = Repo.samples().resolve("webhooks/github-push.json");

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run wfrun(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = WfrunCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static Map<String, String> headers(String out) {
    Map<String, String> headers = new LinkedHashMap<>();
    out.lines().forEach(l -> headers.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 2)));
    return headers;
  }

  @Test
  void signPrintsHeadersTheGatewayAccepts() throws Exception {
    Run run = wfrun("sign", "--secret", "s3cret", PUSH.toString());

    assertThat(run.code()).as(run.err()).isZero();
    Map<String, String> headers = headers(run.out());
    assertThat(headers).containsEntry("X-GitHub-Event", "push").containsKey("X-GitHub-Delivery");
    assertThat(GitProviders.GITHUB.verify(new WebhookHeaders(headers), Files.readAllBytes(PUSH),
        List.of("s3cret"))).isTrue();
  }

  @Test
  void signForGitlabSendsTheToken() {
    Run run = wfrun("sign", "--provider", "gitlab", "--secret", "tok", PUSH.toString());
    assertThat(headers(run.out())).containsEntry("X-Gitlab-Token", "tok").containsEntry("X-Gitlab-Event", "Push Hook");
  }

  @Test
  void signWithCurlPrintsCurlArguments() {
    Run run = wfrun("sign", "--curl", "--secret", "s3cret", PUSH.toString());
    assertThat(run.out()).contains("-H 'X-Hub-Signature-256: sha256=").endsWith("--data-binary @" + PUSH + "\n");
  }

  @Test
  void signRejectsAnUnknownProviderInOneLine() {
    Run run = wfrun("sign", "--provider", "gogs", "--secret", "s", PUSH.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("wfrun sign: --provider: unknown provider \"gogs\" (github, gitlab, bitbucket, gitea, forgejo)\n");
  }

  @Test
  void signNamesAMissingFile() {
    Run run = wfrun("sign", "--secret", "s", tmp.resolve("none.json").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("none.json: no such file");
  }

  @Test
  void workloadCreateWritesAValidWorkloadFromTheDescriptor() throws Exception {
    Path output = tmp.resolve("workload-cr.yaml");
    Run run = wfrun("workload", "create", "--image", "registry.example/greeter:v1", "--descriptor",
        Repo.samples().resolve("workload/workload.yaml").toString(), "--namespace", "shop", "--project", "web",
        "--component", "greeter-service", "--output", output.toString());

    assertThat(run.code()).as(run.err()).isZero();
    var workload = ManifestReader.read(output).get(0);
    assertThat(workload.name()).isEqualTo("greeter-service-workload");
    assertThat(workload.namespace()).isEqualTo("shop");
    assertThat(workload.node().at("/spec/container/image").asText()).isEqualTo("registry.example/greeter:v1");
    assertThat(workload.node().at("/spec/endpoints/greeter-api/port").asInt()).isEqualTo(9090);
    assertThat(CrdCatalog.standard().forKind("Workload").orElseThrow().validate(workload.node())).isEmpty();
  }

  @Test
  void workloadCreateWithoutDescriptorPrintsTheImageOnlyWorkload() {
    Run run = wfrun("workload", "create", "--image", "img:1", "--component", "api");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("name: api-workload", "image: img:1").doesNotContain("endpoints");
  }

  @Test
  void workloadCreateNamesABrokenDescriptorField() throws Exception {
    Path descriptor = tmp.resolve("workload.yaml");
    Files.writeString(descriptor, "endpoints: [{name: api, port: 80, type: HTTP, visibility: [public]}]\n");
    Run run = wfrun("workload", "create", "--image", "img:1", "--component", "api", "--descriptor",
        descriptor.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("wfrun workload create: invalid endpoint visibility \"public\" for endpoint \"api\": "
        + "must be one of [project, namespace, internal, external]\n");
  }
}
