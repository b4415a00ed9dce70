package dev.wfrun.benchmarks;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.cluster.TtlCleanup;
import dev.wfrun.core.status.RunLifecycle;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One ttl-cleanup tick over 10,000 finished WorkflowRuns in the embedded API: none expired (a
 * scan), or every one expired (10,000 deletions, one collection DELETE as they share an expiry
 * minute). Heap use after the tick is printed, to show it does not grow with what was deleted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class TtlCleanupBenchmark {
  static final int RUNS = 10_000;

  @Param({"none-expired", "all-expired"})
  public String scenario;

  private ApiServers api;
  private TtlCleanup ttl;
  private TtlCleanup.Report last;

  @Setup(Level.Iteration)
  public void setUp() {
    api = ApiServers.controlPlane();
    var runs = api.client().resources(WorkflowRun.class).inNamespace("default");
    String ttlValue = scenario.equals("all-expired") ? "1h" : "30d";
    for (int i = 0; i < RUNS; i++) {
      WorkflowRun run = Fixtures.runYaml("""
          apiVersion: openchoreo.dev/v1alpha1
          kind: WorkflowRun
          metadata: {name: done-%d, namespace: default}
          spec: {workflow: {name: docker}, ttlAfterCompletion: %s}
          """.formatted(i, ttlValue));
      // as status-sync leaves a finished run: completedAt, and the label of the minute its TTL ends
      run.getMetadata().setLabels(java.util.Map.of(dev.wfrun.core.ttl.ExpiryLabel.KEY,
          dev.wfrun.core.ttl.ExpiryLabel.of("2026-01-01T00:00:00Z", ttlValue).orElseThrow()));
      WorkflowRun created = runs.resource(run).create();
      created.setStatus(RunLifecycle.fail(null, "WorkflowFailed", "failed", 1, "2026-01-01T00:00:00Z"));
      runs.resource(created).updateStatus();
    }
    ttl = new TtlCleanup(api.clientAs("wfrun-ttl-cleanup"), Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC), RUNS);
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.out.printf("%n[%s: %s, heap after tick: %d MB]%n", scenario, last, (rt.totalMemory() - rt.freeMemory()) >> 20);
    api.close();
  }

  @Benchmark
  public TtlCleanup.Report tick() {
    TtlCleanup.Report report = ttl.tick();
    last = report;
    if (report.scanned() != RUNS) {
      throw new IllegalStateException("scanned " + report.scanned());
    }
    return report;
  }
}
