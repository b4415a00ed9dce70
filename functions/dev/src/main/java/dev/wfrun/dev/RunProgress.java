package dev.wfrun.dev;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Live progress in the terminal: each WorkflowRun's phase and tasks as they change, then its
 * Workload ({@code wfrun dev}'s own warm-up run aside).
 */
final class RunProgress {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
  private static final ResourceDefinitionContext RUNS = context("WorkflowRun", "workflowruns");
  private static final ResourceDefinitionContext WORKLOADS = context("Workload", "workloads");
  private final KubernetesClient client;
  private final PrintStream out;
  private final Map<String, String> shown = new HashMap<>();

  RunProgress(KubernetesClient client, PrintStream out) {
    this.client = client;
    this.out = out;
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup("openchoreo.dev").withVersion("v1alpha1")
        .withKind(kind).withPlural(plural).withNamespaced(true).build();
  }

  /** Shows progress until a run finishes (true) or the time is up (false); returns its phase. */
  String follow(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (GenericKubernetesResource run : client.genericKubernetesResources(RUNS).inAnyNamespace().list().getItems()) {
        if (WarmUpRun.NAMESPACE.equals(run.getMetadata().getNamespace())) {
          continue;
        }
        JsonNode node = SERIALIZATION.convertValue(run, JsonNode.class);
        String key = run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
        String phase = node.path("status").path("phase").asText("Pending");
        String line = "run " + key + ": " + phase + tasks(node.path("status").path("tasks"));
        if (!line.equals(shown.put(key, line))) {
          out.println(line);
        }
        if (phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Error")) {
          showWorkload(node);
          return phase;
        }
      }
      Thread.sleep(200);
    }
    return "";
  }

  private static String tasks(JsonNode tasks) {
    if (!tasks.isArray() || tasks.isEmpty()) {
      return "";
    }
    return StreamSupport.stream(tasks.spliterator(), false)
        .map(t -> t.path("name").asText() + "=" + t.path("phase").asText())
        .collect(Collectors.joining(", ", "  [", "]"));
  }

  private void showWorkload(JsonNode run) throws InterruptedException {
    String namespace = run.path("metadata").path("namespace").asText();
    String component = run.path("metadata").path("labels").path("openchoreo.dev/component").asText("");
    if (component.isEmpty()) {
      return;
    }
    for (int i = 0; i < 25; i++) {
      GenericKubernetesResource workload = client.genericKubernetesResources(WORKLOADS).inNamespace(namespace)
          .withName(component + "-workload").get();
      if (workload != null) {
        JsonNode w = SERIALIZATION.convertValue(workload, JsonNode.class);
        out.println("workload " + namespace + "/" + component + "-workload: image "
            + w.path("spec").path("container").path("image").asText() + ", endpoints "
            + String.join(",", (Iterable<String>) w.path("spec").path("endpoints")::fieldNames));
        return;
      }
      Thread.sleep(200);
    }
  }
}
