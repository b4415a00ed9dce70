package dev.wfrun.dev.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wfrun.core.testing.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnativeManifestsTest {
  private static final KnativeManifests KNATIVE = KnativeManifests.read(Repo.root().resolve("knative"));

  private static LocalEvent event(Map<String, String> attributes) {
    return LocalEvent.json(attributes.get("type"), "test", attributes, "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheBrokerDeliveryPolicy() {
    assertThat(KNATIVE.broker().namespace()).isEqualTo("wfrun-system");
    assertThat(KNATIVE.broker().retry()).isEqualTo(6);
    assertThat(KNATIVE.broker().exponential()).isTrue();
    assertThat(KNATIVE.broker().backoffDelay()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void everyTriggerSubscribesAFunctionService() {
    assertThat(KNATIVE.triggers()).hasSizeGreaterThanOrEqualTo(9)
        .allSatisfy(t -> assertThat(KNATIVE.functionServices()).contains(t.subscriberService()));
  }

  @Test
  void triggersMatchOnEveryFilterAttribute() {
    KnativeManifests.Trigger renderDispatch = KNATIVE.triggers().stream()
        .filter(t -> t.name().equals("wfrun-render-dispatch")).findFirst().orElseThrow();

    assertThat(renderDispatch.matches(event(Map.of("type", "dev.knative.apiserver.ref.add", "kind", "WorkflowRun"))))
        .isTrue();
    assertThat(renderDispatch.matches(event(Map.of("type", "dev.knative.apiserver.ref.add", "kind", "Component"))))
        .isFalse();
    assertThat(renderDispatch.matches(event(Map.of("type", "dev.knative.apiserver.ref.update", "kind", "WorkflowRun"))))
        .isFalse();
  }

  @Test
  void pingTicksAreRoutedByTheirTaskExtension() {
    KnativeManifests.PingSource ttl = KNATIVE.pingSources().stream()
        .filter(p -> p.name().equals("wfrun-ttl-cleanup")).findFirst().orElseThrow();
    LocalEvent tick = PingSources.event(ttl);

    assertThat(tick.type()).isEqualTo("dev.knative.sources.ping");
    assertThat(tick.get("wfruntask")).isEqualTo("ttl-cleanup");
    assertThat(KNATIVE.triggers().stream().filter(t -> t.matches(tick)).map(KnativeManifests.Trigger::name))
        .containsExactly("wfrun-ttl-cleanup");
  }

  @Test
  void aDirectoryWithoutBrokerIsRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> KnativeManifests.read(dir)).hasMessageContaining("declares no Broker");
  }
}
