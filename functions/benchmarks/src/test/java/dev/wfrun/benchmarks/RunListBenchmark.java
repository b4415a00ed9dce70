package dev.wfrun.benchmarks;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.cluster.BuildPlanes;
import dev.wfrun.core.cluster.ComponentBuild;
import dev.wfrun.core.cluster.LiveRunObjects;
import dev.wfrun.core.cluster.RunCancel;
import dev.wfrun.core.cluster.RunRerun;
import dev.wfrun.core.runapi.RunApi;
import dev.wfrun.core.runapi.RunApiAnswer;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.Fixtures;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
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
 * Listing 10,000 WorkflowRuns through the run API page by page, as a UI or {@code wfrun runs} pages
 * through them: every page is a TokenReview, a SubjectAccessReview and a paged list against the
 * embedded API, through the real client.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class RunListBenchmark {
  static final int RUNS = 10_000;

  @Param({"100", "500"})
  public String pageSize;

  private ApiServers api;
  private BuildPlanes planes;
  private RunApi runApi;

  @Setup(Level.Trial)
  public void setUp() {
    api = ApiServers.controlPlaneReviewing(Map.of("reader-token", "reader"),
        Set.of(ApiServers.grant("reader", "list", "openchoreo.dev/workflowruns", "default")));
    var runs = api.client().resources(WorkflowRun.class).inNamespace("default");
    for (int i = 0; i < RUNS; i++) {
      runs.resource(Fixtures.runYaml("""
          apiVersion: openchoreo.dev/v1alpha1
          kind: WorkflowRun
          metadata: {name: run-%05d, namespace: default, labels: {openchoreo.dev/component: c-%d}}
          spec: {workflow: {name: docker, parameters: {repository: {url: https://github.com/myorg/hello-world}}}}
          """.formatted(i, i % 50))).create();
    }
    var service = api.clientAs("wfrun-workload-api");
    planes = new BuildPlanes(service);
    Clock clock = Clock.systemUTC();
    runApi = new RunApi(service, new RunCancel(service, planes, clock), new RunRerun(service),
        new LiveRunObjects(service, planes), new ComponentBuild(service, clock));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    planes.close();
    api.close();
  }

  @Benchmark
  public int listEveryPage() {
    int seen = 0;
    String cursor = null;
    do {
      RunApiAnswer page = runApi.list("Bearer reader-token", "default", pageSize, cursor, null, null);
      if (page.isProblem()) {
        throw new IllegalStateException(page.detail());
      }
      seen += page.body().path("items").size();
      cursor = page.body().path("nextCursor").asText(null);
    } while (cursor != null);
    if (seen != RUNS) {
      throw new IllegalStateException("listed " + seen + " runs, expected " + RUNS);
    }
    return seen;
  }
}
