package dev.wfrun.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.dev.api.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the warm-up run builds: the sample auto-build Component, copied under a repository of its own. */
class WarmUpRunTest {
  private EmbeddedApiServer api;
  private List<Manifest> samples;

  @BeforeEach
  void start() throws Exception {
    api = EmbeddedApiServer.start(0, Clock.systemUTC());
    api.installCrds();
    samples = SampleLoader.read(Repo.samples());
    SampleLoader.load(api.client(), api.catalog(), samples, Map.of());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private List<GenericKubernetesResource> inWarmUp(String kind) {
    return api.catalog().forKind("openchoreo.dev/v1alpha1", kind)
        .map(t -> api.client().genericKubernetesResources(t.context()).inNamespace(WarmUpRun.NAMESPACE).list()
            .getItems())
        .orElseThrow();
  }

  @Test
  void copiesTheAutoBuildComponentAndItsNamespaceUnderARepositoryOfItsOwn() {
    WarmUpRun.prepare(Repo.root(), samples, api.client(), api.catalog());

    List<GenericKubernetesResource> components = inWarmUp("Component");
    assertThat(components).singleElement().satisfies(c -> assertThat(Serialization.asJson(c))
        .contains(WarmUpRun.REPOSITORY).doesNotContain("openchoreo/sample-workloads"));
    assertThat(inWarmUp("Workflow")).extracting(w -> w.getMetadata().getName()).contains("docker");
    assertThat(inWarmUp("SecretReference")).isNotEmpty();
    assertThat(api.client().secrets().inNamespace(WarmUpRun.NAMESPACE).list().getItems()).as("no Secrets copied")
        .isEmpty();
    assertThat(api.client().genericKubernetesResources("openchoreo.dev/v1alpha1", "Component").inNamespace("default")
        .list().getItems()).as("the sample itself is unchanged")
        .allSatisfy(c -> assertThat(Serialization.asJson(c)).doesNotContain(WarmUpRun.REPOSITORY));
  }

  @Test
  void withoutAnAutoBuildComponentForTheSamplePushItSaysWhyAndCopiesNothing() throws Exception {
    List<Manifest> noComponent = samples.stream().filter(m -> !"Component".equals(m.kind())).toList();

    WarmUpRun warmUp = WarmUpRun.prepare(Repo.root(), noComponent, api.client(), api.catalog());

    assertThat(warmUp.run("http://127.0.0.1:1", "secret", null, null))
        .contains("no auto-build Component in samples/ for the repository of samples/webhooks/github-push.json");
    assertThat(api.client().namespaces().withName(WarmUpRun.NAMESPACE).get()).isNull();
  }
}
