package dev.wfrun.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.validation.CrdCatalog;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be checked of terraform/ offline (no provider downloads here): formatting, and what
 * terraform/knative installs, computed by terraform itself from crds/ and knative/.
 */
class TerraformModulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Run(int code, String out) {}

  private static Run terraform(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("terraform", "-chdir=" + dir));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
    builder.environment().put("TF_IN_AUTOMATION", "1");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void everyModuleIsFormatted() throws Exception {
    Run fmt = terraform(Repo.root().resolve("terraform"), "fmt", "-check", "-recursive", "-no-color");
    assertThat(fmt.code()).as(fmt.out()).isZero();
  }

  @Test
  void everyModuleHasAReadmeAndAnExample() {
    for (String module : List.of("knative", "aws-lambda", "build-plane-agent")) {
      Path dir = Repo.root().resolve("terraform").resolve(module);
      assertThat(dir.resolve("README.md")).isRegularFile();
      assertThat(dir.resolve("examples/basic/main.tf")).isRegularFile();
      assertThat(dir.resolve("variables.tf")).isRegularFile();
      assertThat(dir.resolve("outputs.tf")).isRegularFile();
    }
  }

  @Test
  void theKnativeModuleInstallsEveryObjectOfKnativeWithNamespaceAndImagesSet(@TempDir Path dir) throws Exception {
    JsonNode outputs = applyOffline(dir, "terraform/knative/tests/offline/main.tf", "../../modules/manifests");

    TreeSet<String> expected = new TreeSet<>();
    try (Stream<Path> files = Files.list(Repo.root().resolve("knative"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).toList()) {
        for (Manifest m : ManifestReader.read(f)) {
          String ns = m.namespace() == null ? "" : m.namespace().replace("wfrun-system", "ci-wfrun");
          expected.add(m.kind() + "/" + ns + "/" + m.name().replace("wfrun-system", "ci-wfrun"));
        }
      }
    }
    assertThat(values(outputs.at("/object_keys/value"))).containsExactlyElementsOf(expected);
    assertThat(values(outputs.at("/images/value")))
        .contains("registry.test/wfrun-functions:1", "registry.test/wfrun-gateway:1")
        .noneMatch(i -> i.equals("wfrun-functions") || i.equals("wfrun-gateway"));
    assertThat(values(outputs.at("/crd_names/value"))).hasSize(CrdCatalog.FILES.size());
  }

  @Test
  void theAgentModuleInstallsTheBuildPlaneObjectsWithGatewayUrlPlaneIdAndImageSet(@TempDir Path dir) throws Exception {
    JsonNode outputs = applyOffline(dir, "terraform/build-plane-agent/tests/offline/main.tf",
        "../../../knative/modules/manifests");

    TreeSet<String> expected = new TreeSet<>();
    for (String file : List.of("200-rbac.yaml", "300-cluster-agent.yaml")) {
      for (Manifest m : ManifestReader.read(Repo.root().resolve("knative/build-plane").resolve(file))) {
        String ns = m.namespace() == null ? "" : m.namespace().replace("wfrun-system", "ci-agent");
        expected.add(m.kind() + "/" + ns + "/" + m.name().replace("wfrun-system", "ci-agent"));
      }
    }
    assertThat(values(outputs.at("/object_keys/value"))).containsExactlyElementsOf(expected);
    assertThat(values(outputs.at("/images/value"))).containsExactly("registry.test/wfrun-cluster-agent:1");
    JsonNode env = outputs.at("/agent_env/value");
    assertThat(env.path("WFRUN_AGENT_GATEWAY_URL").asText()).isEqualTo("wss://gw.test:8443");
    assertThat(env.path("WFRUN_AGENT_PLANE_ID").asText()).isEqualTo("build-eu-1");
    assertThat(env.path("WFRUN_AGENT_CERT").asText()).isEqualTo("/certs/tls.crt");
  }

  /**
   * Applies a module's offline check config from a scratch directory, pointed at this checkout (its
   * relative source of modules/manifests and its repo_root rewritten), and returns its outputs.
   */
  private static JsonNode applyOffline(Path dir, String config, String manifestsSource) throws Exception {
    Path module = Repo.root().resolve("terraform/knative/modules/manifests");
    String text = Files.readString(Repo.root().resolve(config))
        .replace("\"" + manifestsSource + "\"", "\"" + dir.relativize(module) + "\"")
        .replace("\"${path.module}/../../../..\"", "\"" + Repo.root() + "\"");
    assertThat(text).contains(Repo.root().toString(), dir.relativize(module).toString());
    Files.writeString(dir.resolve("main.tf"), text);
    assertThat(terraform(dir, "init", "-backend=false", "-no-color").code()).isZero();
    Run apply = terraform(dir, "apply", "-auto-approve", "-no-color");
    assertThat(apply.code()).as(apply.out()).isZero();
    return JSON.readTree(terraform(dir, "output", "-json").out());
  }

  private static List<String> values(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
