package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.quarkus.funqy.knative.events.EventAttribute;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** knative/ matches the app: every Trigger reaches a function bound to exactly its filter, and back. */
class KnativeManifestsTest {
  private static final Path ROOT = repoRoot();

  record Binding(String function, String type, Map<String, String> attributes) {}

  private static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("knative")) && Files.isDirectory(p.resolve("crds"))) {
        return p;
      }
    }
    throw new IllegalStateException("repository root not found");
  }

  private static List<Manifest> manifests() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("knative"))) {
      List<Manifest> all = new ArrayList<>();
      files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml"))
          .sorted().forEach(f -> all.addAll(ManifestReader.read(f)));
      return all;
    }
  }

  /** Every @Funq method of the app, found by scanning its compiled classes. */
  static List<Binding> bindings() throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Path.of(KnownEventTypes.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("dev/wfrun/functions");
    List<Binding> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = f.getFileName().toString().replace(".class", "");
        for (Method m : Class.forName("dev.wfrun.functions." + name).getDeclaredMethods()) {
          Funq funq = m.getAnnotation(Funq.class);
          CloudEventMapping mapping = m.getAnnotation(CloudEventMapping.class);
          if (funq != null) {
            assertThat(mapping).as("function %s has a @CloudEventMapping", funq.value()).isNotNull();
            Map<String, String> attributes = new TreeMap<>();
            for (EventAttribute a : mapping.attributes()) {
              attributes.put(a.name(), a.value());
            }
            out.add(new Binding(funq.value(), mapping.trigger(), attributes));
          }
        }
      }
    }
    return out;
  }

  @Test
  void everyTriggerFilterIsExactlyAFunctionsMappingAndReachesThatFunction() throws Exception {
    List<Binding> bindings = bindings();
    Map<String, String> exportedBy = new HashMap<>();
    for (Manifest m : manifests()) {
      if (m.kind().equals("Service") && m.apiVersion().startsWith("serving.knative.dev")) {
        for (JsonNode env : m.node().at("/spec/template/spec/containers/0/env")) {
          if (env.path("name").asText().equals("QUARKUS_FUNQY_EXPORT")) {
            exportedBy.put(m.name(), env.path("value").asText());
          }
        }
      }
    }
    List<String> triggered = new ArrayList<>();
    for (Manifest trigger : manifests().stream().filter(m -> m.kind().equals("Trigger")).toList()) {
      Map<String, String> filter = new TreeMap<>();
      trigger.node().at("/spec/filter/attributes").properties()
          .forEach(e -> filter.put(e.getKey(), e.getValue().asText()));
      String type = filter.remove("type");
      String service = trigger.node().at("/spec/subscriber/ref/name").asText();
      String function = exportedBy.get(service);
      assertThat(function).as("%s subscribes a Knative Service that exports a function", trigger.name()).isNotNull();
      assertThat(bindings).as("%s filter", trigger.name()).contains(new Binding(function, type, filter));
      triggered.add(function);
    }
    assertThat(triggered).as("every function has a Trigger")
        .containsExactlyInAnyOrderElementsOf(bindings.stream().map(Binding::function).toList());
  }

  @Test
  void noTwoFunctionsShareAMapping() throws Exception {
    List<Binding> bindings = bindings();
    Set<String> keys = bindings.stream().map(b -> b.type() + b.attributes()).collect(Collectors.toSet());
    assertThat(keys).hasSameSizeAs(bindings);
  }

  @Test
  void everyObjectIsWellFormedAndEveryServiceAccountExists() throws Exception {
    List<Manifest> all = manifests();
    Set<String> accounts = all.stream().filter(m -> m.kind().equals("ServiceAccount")).map(Manifest::name)
        .collect(Collectors.toSet());
    for (Manifest m : all) {
      assertThat(m.apiVersion()).as(m.describe()).isNotEmpty();
      assertThat(m.name()).as(m.describe()).isNotEmpty();
      boolean namespaced = !Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration").contains(m.kind());
      if (namespaced) {
        assertThat(m.namespace()).as("%s has a namespace", m.describe()).isNotEmpty();
      }
      JsonNode sa = Set.of("Service", "Deployment").contains(m.kind()) ? m.node().at("/spec/template/spec/serviceAccountName")
          : m.node().at("/spec/serviceAccountName");
      if (!sa.isMissingNode() && !sa.asText().isEmpty()) {
        assertThat(accounts).as("%s service account", m.describe()).contains(sa.asText());
      }
      JsonNode sink = m.node().at("/spec/sink/ref");
      if (!sink.isMissingNode()) {
        assertThat(sink.path("kind").asText() + "/" + sink.path("name").asText()).isEqualTo("Broker/wfrun");
      }
    }
    assertThat(all.stream().filter(m -> m.kind().equals("PingSource")).map(m -> m.node().at("/spec/schedule").asText()))
        .containsExactlyInAnyOrder("* * * * *", "*/5 * * * *");
  }

  @Test
  void noFunctionMayReadSecretsOutsideTheKubeconfigNamespace() throws Exception {
    for (Manifest m : manifests()) {
      if (m.kind().equals("ClusterRole")) {
        for (JsonNode rule : m.node().path("rules")) {
          assertThat(rule.path("resources").toString()).as(m.describe()).doesNotContain("\"secrets\"");
        }
      }
    }
  }

  @Test
  void theGatewayAndCreateRunsMayOnlyCreateWorkflowRunsAndRead() throws Exception {
    Manifest role = manifests().stream().filter(m -> m.kind().equals("ClusterRole") && m.name().equals("wfrun-run-creator"))
        .findFirst().orElseThrow();
    for (JsonNode rule : role.node().path("rules")) {
      List<String> verbs = new ArrayList<>();
      rule.path("verbs").forEach(v -> verbs.add(v.asText()));
      if (rule.path("resources").toString().contains("\"workflowruns\"")) {
        assertThat(verbs).containsExactlyInAnyOrder("create", "get");
      } else {
        assertThat(verbs).isSubsetOf("get", "list", "watch");
      }
    }
  }

  @Test
  void kustomizeBuildsTheManifests() throws Exception {
    boolean hasKubectl = Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
    Assumptions.assumeTrue(hasKubectl, "kubectl is not installed");
    Process kustomize = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve("knative").toString())
        .redirectErrorStream(false).start();
    String output = new String(kustomize.getInputStream().readAllBytes());
    assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kustomize.exitValue()).isZero();
    assertThat(output).contains("kind: Trigger").contains("image: ghcr.io/wfrun/wfrun-functions:");
  }

  @Test
  void theWebhookGatewayDoesNotServeTheWorkloadApiWhichHasItsOwnServiceAccount() throws Exception {
    Manifest gateway = manifests().stream().filter(m -> m.kind().equals("Service") && m.name().equals("wfrun-gateway"))
        .findFirst().orElseThrow();
    assertThat(gateway.node().at("/spec/template/spec/containers/0/env").toString())
        .contains("{\"name\":\"WFRUN_GATEWAY_WORKLOAD_API_ENABLED\",\"value\":\"false\"}");
    List<String> workloadWriters = new ArrayList<>();
    for (Manifest m : manifests()) {
      if (m.kind().equals("ClusterRole")) {
        for (JsonNode rule : m.node().path("rules")) {
          if (rule.path("resources").toString().contains("\"workloads\"") && rule.path("verbs").toString().contains("create")) {
            workloadWriters.add(m.name());
          }
        }
      }
    }
    assertThat(workloadWriters).as("status-sync and resync generate Workloads from builds; the Workload API writes them for callers")
        .containsExactlyInAnyOrder("wfrun-status-sync", "wfrun-resync", "wfrun-workload-api");
  }
}
