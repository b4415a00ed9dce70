package dev.wfrun.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.status.RunLifecycle;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.ttl.ExpiryLabel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ttl-cleanup deletes expired runs: a labelled minute at once, everything else one by one. */
class TtlCleanupTest {
  private static final String COMPLETED = "2026-01-01T00:00:00Z";
  private final ApiServers api = ApiServers.controlPlane();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T02:00:00Z"), ZoneOffset.UTC);
  /** ttl-cleanup's own identity, with the RBAC knative/ gives it. */
  private final io.fabric8.kubernetes.client.KubernetesClient ttlCleanup = api.clientAs("wfrun-ttl-cleanup");

  @AfterEach
  void close() {
    api.close();
  }

  /** A finished run as status-sync leaves it (with or without the expiry label). */
  private void finished(String name, String ttl, String label) {
    var runs = api.client().resources(WorkflowRun.class).inNamespace("default");
    WorkflowRun run = Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: %s, namespace: default}
        spec: {workflow: {name: docker}, ttlAfterCompletion: %s}
        """.formatted(name, ttl));
    if (label != null) {
      run.getMetadata().setLabels(java.util.Map.of(ExpiryLabel.KEY, label));
    }
    WorkflowRun created = runs.resource(run).create();
    created.setStatus(RunLifecycle.fail(null, "WorkflowFailed", "failed", 1, COMPLETED));
    runs.resource(created).updateStatus();
  }

  private boolean exists(String name) {
    return api.client().resources(WorkflowRun.class).inNamespace("default").withName(name).get() != null;
  }

  @Test
  void aLabelledMinuteWhoseRunsAllExpiredGoesInOneCollectionDelete() {
    String label = ExpiryLabel.of(COMPLETED, "1h").orElseThrow();
    for (int i = 0; i < 5; i++) {
      finished("expired-" + i, "1h", label);
    }
    finished("kept", "30d", null);

    TtlCleanup.Report report = new TtlCleanup(ttlCleanup, clock, 100).tick();

    assertThat(report.deleted()).isEqualTo(5);
    assertThat(report.collectionDeletes()).isEqualTo(1);
    assertThat(exists("expired-0")).isFalse();
    assertThat(exists("expired-4")).isFalse();
    assertThat(exists("kept")).isTrue();
  }

  @Test
  void aCollectionDeleteLeavesRunsWithTheFinalizerToFinalize() {
    String label = ExpiryLabel.of(COMPLETED, "1h").orElseThrow();
    finished("guarded", "1h", label);
    var runs = api.client().resources(WorkflowRun.class).inNamespace("default");
    runs.withName("guarded").edit(r -> {
      r.getMetadata().setFinalizers(java.util.List.of("openchoreo.dev/workflowrun-cleanup"));
      return r;
    });

    assertThat(new TtlCleanup(ttlCleanup, clock, 100).tick().collectionDeletes()).isEqualTo(1);

    WorkflowRun guarded = runs.withName("guarded").get();
    assertThat(guarded).as("kept until finalize removes the finalizer").isNotNull();
    assertThat(guarded.getMetadata().getDeletionTimestamp()).isNotNull();
  }

  @Test
  void aRunWhoseTtlWasExtendedAfterLabellingSurvivesItsMinute() {
    String label = ExpiryLabel.of(COMPLETED, "1h").orElseThrow();
    finished("expired", "1h", label);
    finished("extended", "30d", label); // labelled for 1h, then its TTL became 30d

    TtlCleanup.Report report = new TtlCleanup(ttlCleanup, clock, 100).tick();

    assertThat(report.collectionDeletes()).isZero();
    assertThat(report.deleted()).isEqualTo(1);
    assertThat(exists("expired")).isFalse();
    assertThat(exists("extended")).isTrue();
  }

  @Test
  void unlabelledRunsAreDeletedOneByOneWithinTheBound() {
    for (int i = 0; i < 4; i++) {
      finished("old-" + i, "1h", null);
    }
    TtlCleanup.Report report = new TtlCleanup(ttlCleanup, clock, 3).tick();

    assertThat(report.deleted()).isEqualTo(3);
    assertThat(report.limitReached()).isTrue();
    assertThat(report.collectionDeletes()).isZero();
  }

  @Test
  void aMinuteLargerThanTheBoundIsDeletedRunByRun() {
    String label = ExpiryLabel.of(COMPLETED, "1h").orElseThrow();
    for (int i = 0; i < 4; i++) {
      finished("many-" + i, "1h", label);
    }
    TtlCleanup.Report report = new TtlCleanup(ttlCleanup, clock, 2).tick();

    assertThat(report.collectionDeletes()).isZero();
    assertThat(report.deleted()).isEqualTo(2);
    assertThat(report.limitReached()).isTrue();
  }

  @Test
  void aCollectionDeleteIsRefusedWithoutTheDeletecollectionVerb() {
    // the manifest as it was before: list and delete only
    api.client().rbac().clusterRoles().withName("wfrun-ttl-cleanup").edit(role -> {
      role.getRules().get(0).setVerbs(java.util.List.of("list", "delete"));
      return role;
    });
    String label = ExpiryLabel.of(COMPLETED, "1h").orElseThrow();
    finished("expired", "1h", label);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TtlCleanup(ttlCleanup, clock, 100).tick())
        .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(403));
    assertThat(exists("expired")).isTrue();
  }
}
