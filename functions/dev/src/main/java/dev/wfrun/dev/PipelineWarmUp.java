package dev.wfrun.dev;

import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.WebhookSigner;
import dev.wfrun.dev.eventing.LocalBroker;
import dev.wfrun.dev.eventing.LocalEvent;
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

  static void run(String gatewayUrl, String githubSecret, LocalBroker broker) throws InterruptedException {
    long delivered = broker.delivered();
    broker.publish(LocalEvent.json("dev.knative.apiserver.ref.add", "wfrun-dev/warm-up",
        Map.of("kind", "WorkflowRun", "name", "warm-up", "namespace", "wfrun-dev-warm-up"),
        "{\"apiVersion\":\"openchoreo.dev/v1alpha1\",\"kind\":\"WorkflowRun\",\"namespace\":\"wfrun-dev-warm-up\",\"name\":\"warm-up\"}"
            .getBytes(StandardCharsets.UTF_8)));
    broker.publish(LocalEvent.json("dev.knative.apiserver.resource.update", "wfrun-dev/warm-up",
        Map.of("kind", "Workflow", "name", "warm-up", "namespace", "openchoreo-ci-wfrun-dev-warm-up"),
        ("{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\",\"metadata\":{\"name\":\"warm-up\","
            + "\"namespace\":\"openchoreo-ci-wfrun-dev-warm-up\",\"labels\":{"
            + "\"openchoreo.dev/workflowrun\":\"warm-up\",\"openchoreo.dev/workflowrun-namespace\":\"wfrun-dev-warm-up\"}}}")
            .getBytes(StandardCharsets.UTF_8)));
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
