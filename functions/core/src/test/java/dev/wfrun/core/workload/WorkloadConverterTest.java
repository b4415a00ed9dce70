package dev.wfrun.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.validation.CrdCatalog;
import dev.wfrun.core.yaml.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadConverterTest {
  private static final WorkloadConverter.Target GREETER =
      new WorkloadConverter.Target("default", "default", "greeter-service", "registry.local/greeter:abc123");

  @Test
  void withoutDescriptorTheWorkloadHasOnlyTheImage() {
    ObjectNode workload = WorkloadConverter.convert(GREETER, Optional.empty());

    assertThat(workload.at("/metadata/name").asText()).isEqualTo("greeter-service-workload");
    assertThat(workload.at("/metadata/namespace").asText()).isEqualTo("default");
    assertThat(workload.at("/spec/owner/componentName").asText()).isEqualTo("greeter-service");
    assertThat(workload.at("/spec/container/image").asText()).isEqualTo("registry.local/greeter:abc123");
    assertThat(workload.at("/spec/endpoints").isMissingNode()).isTrue();
  }

  @Test
  void theSampleDescriptorBecomesAValidWorkload() {
    Path descriptor = Repo.samples().resolve("workload/workload.yaml");
    ObjectNode workload = WorkloadConverter.convert(GREETER, Optional.of(descriptor));

    JsonNode endpoint = workload.at("/spec/endpoints/greeter-api");
    assertThat(endpoint.path("type").asText()).isEqualTo("HTTP");
    assertThat(endpoint.path("port").asInt()).isEqualTo(9090);
    assertThat(endpoint.path("schema").path("type").asText()).isEqualTo("openapi");
    assertThat(endpoint.path("schema").path("content").asText()).contains("/greeter/greet");
    assertThat(workload.at("/spec/container/env/0/key").asText()).isEqualTo("LOG_LEVEL");
    assertThat(workload.at("/spec/container/files/0/mountPath").asText()).isEqualTo("/etc/config/app.json");
    assertThat(CrdCatalog.standard().forKind("Workload").orElseThrow().validate(workload)).isEmpty();
  }

  @Test
  void rejectsAnUnknownVisibilityNamingTheEndpoint() throws Exception {
    JsonNode descriptor = ManifestReader.YAML.readTree("""
        endpoints:
        - {name: api, port: 80, type: HTTP, visibility: [public]}
        """);
    assertThatThrownBy(() -> WorkloadConverter.convert(GREETER, descriptor, Path.of(".")))
        .isInstanceOf(WorkloadDescriptorException.class)
        .hasMessage("invalid endpoint visibility \"public\" for endpoint \"api\": "
            + "must be one of [project, namespace, internal, external]");
  }

  @Test
  void rejectsAPortOutOfRangeNamingTheField() throws Exception {
    JsonNode descriptor = ManifestReader.YAML.readTree("endpoints: [{name: api, port: 70000, type: HTTP}]");
    assertThatThrownBy(() -> WorkloadConverter.convert(GREETER, descriptor, Path.of(".")))
        .hasMessageStartingWith("endpoints[0].port: must be a port number 1..65535");
  }

  @Test
  void fileContentFromAPathIsInlined(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("app.json"), "{\"a\":1}");
    JsonNode descriptor = ManifestReader.YAML.readTree("""
        configurations:
          files:
          - {name: cfg, mountPath: /etc/app.json, valueFrom: {path: app.json}}
        """);
    ObjectNode workload = WorkloadConverter.convert(GREETER, descriptor, dir);
    assertThat(workload.at("/spec/container/files/0/value").asText()).isEqualTo("{\"a\":1}");
  }

  @Test
  void aSchemaFileThatIsMissingIsNamed(@TempDir Path dir) throws Exception {
    JsonNode descriptor = ManifestReader.YAML.readTree("endpoints: [{name: api, port: 80, type: gRPC, schemaFile: x.proto}]");
    assertThatThrownBy(() -> WorkloadConverter.convert(GREETER, descriptor, dir))
        .hasMessageStartingWith("endpoints[0].schemaFile: cannot read");
  }

  @Test
  void anEmptyImageIsRefused() {
    assertThatThrownBy(() -> new WorkloadConverter.Target("default", "p", "c", " "))
        .hasMessage("--image: required, must not be empty");
  }
}
