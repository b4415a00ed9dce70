package dev.wfrun.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watches from a resource version carry only later changes, as on a real API server. */
class WatchFromVersionTest {
  private StrictApiServer api;
  private KubernetesClient admin;

  @BeforeEach
  void start() {
    api = StrictApiServer.start();
    admin = api.admin();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
        .create();
    create("listed-1");
    create("listed-2");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private void create(String name) {
    admin.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
        .endMetadata().withData(Map.of("k", "v")).build()).create();
  }

  /** Names of the events received until {@code last} arrives (30 s at most). */
  private static List<String> until(BlockingQueue<String> events, String last) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    while (!seen.contains(last)) {
      String next = events.poll(30, TimeUnit.SECONDS);
      assertThat(next).as("an event within 30 s, after %s", seen).isNotNull();
      seen.add(next);
    }
    return seen;
  }

  private static Watcher<ConfigMap> into(BlockingQueue<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        events.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }

  @Test
  void aWatchFromTheListsVersionGetsOnlyLaterChanges() throws Exception {
    String version = admin.configMaps().inNamespace("team-a").list().getMetadata().getResourceVersion();
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (Watch watch = admin.configMaps().inNamespace("team-a")
        .watch(new ListOptionsBuilder().withResourceVersion(version).build(), into(events))) {
      create("later-1");
      create("later-2");
      assertThat(until(events, "ADDED later-2")).containsExactly("ADDED later-1", "ADDED later-2");
    }
  }

  @Test
  void aWatchWithoutAVersionStartsWithEveryObject() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (Watch watch = admin.configMaps().inNamespace("team-a").watch(into(events))) {
      create("later-1");
      assertThat(until(events, "ADDED later-1")).contains("ADDED listed-1", "ADDED listed-2");
    }
  }
}
