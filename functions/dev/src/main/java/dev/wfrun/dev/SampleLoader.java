package dev.wfrun.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.validation.ObjectValidator;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestException;
import dev.wfrun.core.yaml.ManifestReader;
import dev.wfrun.dev.api.ApiCatalog;
import dev.wfrun.dev.api.ApiResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Loads {@code samples/} into the embedded API, checked first: the platform, Workflows,
 * ClusterWorkflowTemplates, the auto-build Component and the webhook Secret. WorkflowRuns are left
 * out (apply them with kubectl to start runs); a sample that breaks its CRD stops {@code wfrun dev}.
 */
final class SampleLoader {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
  private static final List<String> NOT_OBJECTS = List.of("tests", "workload", "webhooks");

  private SampleLoader() {}

  static List<Manifest> read(Path samples) {
    List<Manifest> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(samples)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        if (NOT_OBJECTS.stream().anyMatch(dir -> f.startsWith(samples.resolve(dir)))) {
          continue;
        }
        try {
          all.addAll(ManifestReader.read(f));
        } catch (ManifestException e) {
          throw new DevException("broken sample: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (ObjectValidator.Result r : new ObjectValidator().validate(all)) {
      if (r.status() == ObjectValidator.Status.INVALID) {
        throw new DevException("broken sample: " + r.manifest().describe() + ": " + r.violations().get(0));
      }
    }
    return all.stream().filter(m -> !"WorkflowRun".equals(m.kind())).toList();
  }

  /** Creates the samples (and their namespaces); webhook secrets override the sample Secret's values. */
  static int load(KubernetesClient client, ApiCatalog catalog, List<Manifest> samples,
      Map<String, String> webhookSecrets) {
    TreeSet<String> namespaces = new TreeSet<>(List.of("default", "openchoreo-control-plane", "wfrun-system"));
    samples.stream().map(Manifest::namespace).filter(n -> n != null && !n.isEmpty()).forEach(namespaces::add);
    for (String ns : namespaces) {
      client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
          .withNewMetadata().withName(ns).endMetadata().build()).createOr(r -> r.update());
    }
    for (Manifest m : samples) {
      ApiResource type = catalog.forKind(m.apiVersion(), m.kind())
          .orElseThrow(() -> new DevException("broken sample: " + m.describe() + ": the embedded API has no kind "
              + m.kind() + " in " + m.apiVersion()));
      JsonNode node = "Secret".equals(m.kind()) ? secret((ObjectNode) m.node().deepCopy(), webhookSecrets) : m.node();
      GenericKubernetesResource object = SERIALIZATION.convertValue(node, GenericKubernetesResource.class);
      var resources = client.genericKubernetesResources(type.context());
      (type.namespaced() ? resources.inNamespace(m.namespace() == null ? "default" : m.namespace()) : resources)
          .resource(object).createOr(r -> r.update());
    }
    return samples.size();
  }

  /** The webhook Secret takes the overrides, as stringData (the API server stores it base64-encoded in data). */
  private static JsonNode secret(ObjectNode secret, Map<String, String> webhookSecrets) {
    if ("git-webhook-secrets".equals(secret.path("metadata").path("name").asText())) {
      ObjectNode stringData = secret.path("stringData").isObject() ? (ObjectNode) secret.get("stringData")
          : secret.putObject("stringData");
      webhookSecrets.forEach((provider, value) -> stringData.put(provider + "-secret", value));
    }
    return secret;
  }

  /** The webhook secret values in effect: the sample Secret's, then the overrides. */
  static Map<String, String> webhookSecrets(List<Manifest> samples, Map<String, String> overrides) {
    Map<String, String> secrets = new java.util.TreeMap<>();
    samples.stream().filter(m -> "Secret".equals(m.kind()) && "git-webhook-secrets".equals(m.name()))
        .forEach(m -> {
          m.node().path("stringData").properties().forEach(f -> secrets.put(
              f.getKey().replace("-secret", ""), f.getValue().asText()));
          m.node().path("data").properties().forEach(f -> secrets.put(f.getKey().replace("-secret", ""),
              new String(Base64.getDecoder().decode(f.getValue().asText()), StandardCharsets.UTF_8)));
        });
    secrets.putAll(overrides);
    return secrets;
  }
}
