package dev.wfrun.benchmarks;

import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.cluster.BuildQueue;
import dev.wfrun.core.cluster.RenderDispatch;
import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.cluster.StepResult;
import dev.wfrun.core.testing.World;
import java.util.Map;
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
 * What a Component's build queue adds to dispatching a push's run: render-dispatch of one component
 * build, with no cap (no queue) or a cap the run fits in, beside {@code history} finished builds of the
 * same Component (the queue lists them to count the running ones).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueueCostBenchmark {
  @Param({"no-queue", "queue"})
  public String mode;

  @Param({"10", "200"})
  public int history;

  private World world;
  private RenderDispatch dispatch;
  private int next;
  private RunKey key;

  @Setup(Level.Trial)
  public void setUp() {
    world = new World();
    dispatch = world.dispatch;
    world.control.resources(Component.class).inNamespace("default").withName("greeter-service").edit(c -> {
      c.getMetadata().setAnnotations(mode.equals("queue") ? Map.of(BuildQueue.ANNOTATION, "100") : Map.of());
      return c;
    });
    var runs = world.control.resources(WorkflowRun.class).inNamespace("default");
    for (int i = 0; i < history; i++) {
      WorkflowRun created = runs.resource(run("old-" + i)).create();
      created.setStatus(dev.wfrun.core.status.RunLifecycle.fail(null, "WorkflowFailed", "failed", 1,
          "2026-01-01T00:00:00Z"));
      runs.resource(created).updateStatus();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    world.close();
  }

  private static WorkflowRun run(String name) {
    return dev.wfrun.core.testing.Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata:
          name: %s
          namespace: default
          labels: {openchoreo.dev/component: greeter-service, openchoreo.dev/project: default}
        spec: {workflow: {name: docker, parameters: {repository: {url: https://github.com/myorg/hello-world}}}}
        """.formatted(name));
  }

  /** Not measured: the last push's run finishes (its slot frees) and the next push's run is created. */
  @Setup(Level.Invocation)
  public void nextPush() {
    var runs = world.control.resources(WorkflowRun.class).inNamespace("default");
    if (key != null) {
      WorkflowRun last = runs.withName(key.name()).get();
      last.setStatus(dev.wfrun.core.status.RunLifecycle.fail(last.getStatus(), "WorkflowFailed", "failed", 1,
          "2026-01-01T00:00:00Z"));
      runs.resource(last).updateStatus();
    }
    String name = "push-" + next++;
    runs.resource(run(name)).create();
    key = new RunKey("default", name);
  }

  @Benchmark
  public StepResult dispatchOnePush() {
    StepResult result = dispatch.dispatch(key);
    if (result.kind() != StepResult.Kind.DONE) {
      throw new IllegalStateException(key + ": " + result);
    }
    return result;
  }
}
