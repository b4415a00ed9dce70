package dev.wfrun.dev;

import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.WebhookSigner;
import dev.wfrun.dev.api.ApiCatalog;
import dev.wfrun.dev.eventing.ApiServerSources;
import dev.wfrun.dev.eventing.LocalBroker;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Exercises every hop once before {@code ready:} with requests that change nothing: a signed push
 * for a repository no Component builds (gateway: verify, parse, match), an add event for a
 * WorkflowRun that does not exist (broker, trigger, Funqy, render-dispatch: nothing to do) and an
 * update of an Argo Workflow whose run does not exist (status-sync: nothing to do). The
 * first real push then costs what every later one does.
 */
final class PipelineWarmUp {
  private static final String PUSH = """
      {"ref":"refs/heads/main","after":"0000000000000000000000000000000000000001",\
      "repository":{"clone_url":"https://github.com/wfrun-dev/warm-up.git"},\
      "pusher":{"name":"wfrun-dev"},"head_commit":{"message":"warm-up"},\
      "commits":[{"added":[],"modified":["README.md"],"removed":[]}]}""";

  private PipelineWarmUp() {}

  private static GenericKubernetesResource absent(String apiVersion, String kind, String namespace,
      Map<String, String> labels) {
    return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind).withNewMetadata()
        .withName("warm-up").withNamespace(namespace).withLabels(labels).endMetadata().build();
  }

  private static io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context(ApiCatalog catalog,
      GenericKubernetesResource object) {
    return catalog.forKind(object.getApiVersion(), object.getKind()).orElseThrow().context();
  }

  static void run(String gatewayUrl, String githubSecret, LocalBroker broker, ApiCatalog catalog)
      throws InterruptedException {
    long delivered = broker.delivered();
    // the events the ApiServerSources would send for objects that do not exist
    GenericKubernetesResource run = absent("openchoreo.dev/v1alpha1", "WorkflowRun", "wfrun-dev-warm-up", Map.of());
    broker.publish(ApiServerSources.event("add", true, run, context(catalog, run), "wfrun-dev/warm-up"));
    GenericKubernetesResource argo = absent("argoproj.io/v1alpha1", "Workflow", "openchoreo-ci-wfrun-dev-warm-up",
        Map.of(OpenChoreo.LABEL_WORKFLOWRUN, "warm-up", OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE, "wfrun-dev-warm-up"));
    broker.publish(ApiServerSources.event("update", false, argo, context(catalog, argo), "wfrun-dev/warm-up"));
    if (githubSecret != null && !githubSecret.isEmpty()) {
      byte[] body = PUSH.getBytes(StandardCharsets.UTF_8);
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1alpha1/autobuild"))
          .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
      WebhookSigner.pushHeaders(GitProvider.GITHUB, githubSecret, body).forEach(request::header);
      try {
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        // a warm-up only: the real push reports what is wrong
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (broker.delivered() < delivered + 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
