package dev.wfrun.dev;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.core.webhook.RepositoryUrls;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.dev.api.ApiCatalog;
import dev.wfrun.dev.api.ApiResource;
import dev.wfrun.dev.buildplane.SimulatedBuildPlane;
import dev.wfrun.dev.eventing.ApiServerSources;
import dev.wfrun.dev.eventing.LocalBroker;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One real build before {@code ready:}, so the user's first push costs what every later one does:
 * the sample auto-build Component is copied, with the other samples of its namespace, into
 * namespace {@value #NAMESPACE} under a repository of its own ({@value #REPOSITORY}); the sample
 * push, re-pointed at that repository and signed, goes through the gateway; the run goes the
 * whole way (create-runs, render-dispatch, the simulated build plane with instant steps,
 * status-sync, the Workload); then the run is deleted (finalize) and its Workload too. Best
 * effort: what does not finish is reported and {@code wfrun dev} goes on.
 */
final class WarmUpRun {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
  static final String NAMESPACE = "wfrun-dev-warm-up";
  static final String REPOSITORY = "github.com/wfrun-dev/warm-up";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

  private final KubernetesClient client;
  private final ApiCatalog catalog;
  private final String push;
  private final String skipped;

  private WarmUpRun(KubernetesClient client, ApiCatalog catalog, String push, String skipped) {
    this.client = client;
    this.catalog = catalog;
    this.push = push;
    this.skipped = skipped;
  }

  /**
   * Copies what the warm-up run builds into {@value #NAMESPACE}, early, so the gateway's caches
   * hold it by the time of the push; a warm-up that cannot be done says why when run.
   */
  static WarmUpRun prepare(Path repo, List<Manifest> samples, KubernetesClient client, ApiCatalog catalog) {
    String push;
    try {
      push = Files.readString(repo.resolve(DemoPush.SAMPLE));
    } catch (IOException e) {
      return new WarmUpRun(client, catalog, null, "cannot read " + DemoPush.SAMPLE + ": " + e.getMessage());
    }
    String slug = pushedRepository(push);
    Optional<Manifest> component = samples.stream()
        .filter(m -> "Component".equals(m.kind()) && m.node().path("spec").path("autoBuild").asBoolean(false)
            && m.node().path("spec").path("workflow").toString().contains(slug))
        .findFirst();
    if (slug.isEmpty() || component.isEmpty()) {
      return new WarmUpRun(client, catalog, null,
          "no auto-build Component in samples/ for the repository of " + DemoPush.SAMPLE);
    }
    WarmUpRun warmUp = new WarmUpRun(client, catalog, push.replace(slug, REPOSITORY), null);
    try {
      warmUp.copy(samples, namespaceOf(component.get()), slug);
      return warmUp;
    } catch (KubernetesClientException | IOException e) {
      return new WarmUpRun(client, catalog, null, "cannot copy the samples: " + e.getMessage());
    }
  }

  /**
   * While the gateway is still starting: the events the ApiServerSources would send for a
   * WorkflowRun and an Argo Workflow that do not exist, through the broker to the functions (each
   * step finds nothing to do), so the run that follows finds those paths loaded.
   */
  void primeEventPaths(LocalBroker broker) {
    GenericKubernetesResource run = absent("openchoreo.dev/v1alpha1", "WorkflowRun", NAMESPACE, Map.of());
    GenericKubernetesResource argo = absent(dev.wfrun.api.argo.ArgoWorkflow.API_VERSION, dev.wfrun.api.argo.ArgoWorkflow.KIND, "openchoreo-ci-" + NAMESPACE,
        Map.of(OpenChoreo.LABEL_WORKFLOWRUN, run.getMetadata().getName(), OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE,
            NAMESPACE));
    // as knative/ declares them: WorkflowRuns in Reference mode, Argo Workflows in Resource mode
    publish(broker, "add", true, run);
    publish(broker, "update", false, argo);
  }

  private void publish(LocalBroker broker, String verb, boolean reference, GenericKubernetesResource object) {
    catalog.forKind(object.getApiVersion(), object.getKind()).ifPresent(type -> broker.publish(
        ApiServerSources.event(verb, reference, object, type.context(), "wfrun-dev/warm-up")));
  }

  private static GenericKubernetesResource absent(String apiVersion, String kind, String namespace,
      Map<String, String> labels) {
    return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind).withNewMetadata()
        .withName("absent-warm-up").withNamespace(namespace).withLabels(labels).endMetadata().build();
  }

  /**
   * Runs the warm-up build; returns why when it could not be done (nothing left behind but the
   * copies), empty when it went through.
   */
  Optional<String> run(String gatewayUrl, String githubSecret, LocalBroker broker, SimulatedBuildPlane buildPlane)
      throws InterruptedException {
    if (skipped != null) {
      return Optional.of(skipped);
    }
    if (githubSecret == null || githubSecret.isEmpty()) {
      return Optional.of("no GitHub webhook secret");
    }
    buildPlane.runInstantly(NAMESPACE);
    try {
      return build(gatewayUrl, githubSecret);
    } catch (KubernetesClientException | IOException e) {
      return Optional.of(e.getMessage());
    } finally {
      cleanUp(broker);
    }
  }

  /** host/path of the pushed repository, as it appears in the push and in Component parameters. */
  private static String pushedRepository(String push) {
    try {
      String url = JSON.readTree(push).path("repository").path("html_url").asText("");
      return url.isEmpty() ? "" : RepositoryUrls.normalize(url).replaceFirst("^https?://", "");
    } catch (IOException e) {
      return "";
    }
  }

  private static String namespaceOf(Manifest m) {
    return m.namespace() == null || m.namespace().isEmpty() ? "default" : m.namespace();
  }

  /** The namespaced samples of {@code namespace} (Secrets aside), in {@value #NAMESPACE}, re-pointed. */
  private void copy(List<Manifest> samples, String namespace, String slug) throws IOException {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .createOr(r -> r.update());
    for (Manifest m : samples) {
      Optional<ApiResource> type = catalog.forKind(m.apiVersion(), m.kind());
      if (type.isEmpty() || !type.get().namespaced() || "Secret".equals(m.kind()) || !namespace.equals(namespaceOf(m))) {
        continue;
      }
      ObjectNode copy = (ObjectNode) JSON.readTree(m.node().toString().replace(slug, REPOSITORY));
      ((ObjectNode) copy.path("metadata")).put("namespace", NAMESPACE);
      GenericKubernetesResource object = SERIALIZATION.convertValue(copy, GenericKubernetesResource.class);
      client.genericKubernetesResources(type.get().context()).inNamespace(NAMESPACE).resource(object)
          .createOr(r -> r.update());
    }
  }

  private Optional<String> build(String gatewayUrl, String secret) throws IOException, InterruptedException {
    // the copies were made before the gateway started; should its cache still lack them, push again
    HttpResponse<String> answer = push(gatewayUrl, secret);
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (answer.statusCode() / 100 == 2 && answer.body().contains("\"triggeredBuilds\":0")
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      answer = push(gatewayUrl, secret);
    }
    if (answer.statusCode() / 100 != 2 || answer.body().contains("\"triggeredBuilds\":0")) {
      return Optional.of("gateway answered " + answer.statusCode() + " " + answer.body().strip());
    }
    boolean finished = await(RUN_TIMEOUT, () -> list("WorkflowRun").stream()
        .map(r -> SERIALIZATION.convertValue(r, com.fasterxml.jackson.databind.JsonNode.class).path("status").path("phase").asText(""))
        .anyMatch(p -> p.equals("Succeeded") || p.equals("Failed")));
    if (!finished) {
      return Optional.of("the run did not finish within " + RUN_TIMEOUT.toSeconds() + "s");
    }
    boolean succeeded = list("WorkflowRun").stream()
        .allMatch(r -> SERIALIZATION.convertValue(r, com.fasterxml.jackson.databind.JsonNode.class).path("status").path("phase").asText("").equals("Succeeded"));
    // the Workload comes with the last status-sync
    await(Duration.ofSeconds(5), () -> !list("Workload").isEmpty());
    return succeeded ? Optional.empty() : Optional.of("the run failed (see " + NAMESPACE + " in the logs)");
  }

  private HttpResponse<String> push(String gatewayUrl, String secret) throws IOException, InterruptedException {
    return DemoPush.post(gatewayUrl, secret, push.getBytes(StandardCharsets.UTF_8));
  }

  private List<GenericKubernetesResource> list(String kind) {
    return catalog.forKind("openchoreo.dev/v1alpha1", kind)
        .map(t -> client.genericKubernetesResources(t.context()).inNamespace(NAMESPACE).list().getItems())
        .orElse(List.of());
  }

  /**
   * Deletes the runs (through finalize, which removes their Argo Workflows) and the Workloads; the
   * copied configuration stays in {@value #NAMESPACE}, where it builds nothing unless pushed to.
   */
  private void cleanUp(LocalBroker broker) throws InterruptedException {
    try {
      for (String kind : List.of("WorkflowRun", "Workload")) {
        catalog.forKind("openchoreo.dev/v1alpha1", kind)
            .ifPresent(t -> client.genericKubernetesResources(t.context()).inNamespace(NAMESPACE).delete());
      }
      await(Duration.ofSeconds(10), () -> list("WorkflowRun").isEmpty());
    } catch (KubernetesClientException e) {
      // best effort: the namespace says what it was for
    }
    broker.awaitIdle(Duration.ofMillis(100), Duration.ofSeconds(5));
  }

  private static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
