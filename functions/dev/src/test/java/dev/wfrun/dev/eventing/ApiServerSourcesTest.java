package dev.wfrun.dev.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.dev.api.EmbeddedApiServer;
import dev.wfrun.core.testing.Repo;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ApiServerSources of knative/ turn API changes into the events Knative sends. */
class ApiServerSourcesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aNewWorkflowRunIsAReferenceModeAddEvent() throws Exception {
    KnativeManifests knative = KnativeManifests.read(Repo.root().resolve("knative"));
    BlockingQueue<LocalEvent> events = new LinkedBlockingQueue<>();
    try (EmbeddedApiServer api = EmbeddedApiServer.start(0, java.time.Clock.systemUTC())) {
      api.installCrds();
      ApiServerSources sources = new ApiServerSources(knative.apiServerSources(), api.client(), api.catalog(),
          "https://k8s", events::add);
      GenericKubernetesResource run = Serialization.unmarshal(
          Repo.sample("docker-build/workflowrun-simple-run.yaml").node().toString(), GenericKubernetesResource.class);
      api.client().genericKubernetesResources("openchoreo.dev/v1alpha1", "WorkflowRun")
          .inNamespace("default").resource(run).create();

      LocalEvent added = events.poll(10, TimeUnit.SECONDS);
      assertThat(added).isNotNull();
      assertThat(added.type()).isEqualTo("dev.knative.apiserver.ref.add");
      assertThat(added.get("kind")).isEqualTo("WorkflowRun");
      assertThat(added.get("subject")).isEqualTo("/apis/openchoreo.dev/v1alpha1/namespaces/default/workflowruns/simple-run");
      JsonNode data = JSON.readTree(added.data());
      assertThat(data.path("name").asText()).isEqualTo("simple-run");
      assertThat(data.path("namespace").asText()).isEqualTo("default");
      assertThat(data.has("spec")).as("reference mode carries no object").isFalse();
      sources.close();
    }
  }
}
