package dev.wfrun.benchmarks;

import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.testing.ArgoProgress;
import dev.wfrun.core.testing.World;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * status-sync events per second against the embedded API (the fabric8 CRUD mock server, over
 * HTTP on loopback): 50 dispatched runs whose Argo Workflows are running. Before each event
 * (outside the measurement) Argo moves the next run to its other running step; the event then
 * syncs that run: read the run, read its Argo Workflow, map, write the changed status.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class StatusSyncBenchmark {
  private World world;
  private final List<RunKey> runs = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  @Setup(Level.Trial)
  public void setUp() {
    System.setProperty("wfrun.repo.root", System.getProperty("user.dir"));
    world = new World();
    for (int i = 0; i < 50; i++) {
      WorkflowRun run = dev.wfrun.core.testing.Fixtures.runYaml("""
          apiVersion: openchoreo.dev/v1alpha1
          kind: WorkflowRun
          metadata: {name: run-%d, namespace: default}
          spec: {workflow: {name: docker, parameters: {repository: {url: https://example.com/r}}}}
          """.formatted(i));
      world.control.resources(WorkflowRun.class).inNamespace("default").resource(run).create();
      RunKey key = new RunKey("default", "run-" + i);
      world.dispatch.dispatch(key);
      world.setArgoStatus(key, ArgoProgress.at(key.name(), 0, World.START));
      runs.add(key);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    world.close();
  }

  private RunKey current;

  /** Argo changes the next run's status: the change the event announces (not measured). */
  @Setup(Level.Invocation)
  public void argoChanges() {
    int n = next.getAndIncrement();
    current = runs.get(Math.floorMod(n, runs.size()));
    world.setArgoStatus(current, ArgoProgress.at(current.name(), 1 - (n / runs.size()) % 2, World.START));
  }

  @Benchmark
  @Threads(1)
  public Object syncChangedRun() {
    return world.sync.sync(current);
  }

  /**
   * The same with four events in flight, as Knative delivers to one instance (containerConcurrency
   * 0: unlimited): each thread owns its own runs, so two events never race for one run.
   */
  @State(Scope.Thread)
  public static class InFlight {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final int thread = THREADS.getAndIncrement() % 4;
    private int n;
    RunKey current;

    @Setup(Level.Invocation)
    public void argoChanges(StatusSyncBenchmark shared) {
      int own = shared.runs.size() / 4;
      int i = n++;
      current = shared.runs.get(thread * own + Math.floorMod(i, own));
      shared.world.setArgoStatus(current, ArgoProgress.at(current.name(), 1 - (i / own) % 2, World.START));
    }
  }

  @Benchmark
  @Threads(4)
  public Object syncChangedRunFourInFlight(InFlight event) {
    return world.sync.sync(event.current);
  }
}
