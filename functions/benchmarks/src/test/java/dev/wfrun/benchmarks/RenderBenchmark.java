package dev.wfrun.benchmarks;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.render.RenderedRun;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.render.RunRenderer;
import dev.wfrun.core.render.SecretReferenceLookup;
import dev.wfrun.core.template.CelEnvironment;
import dev.wfrun.core.template.TemplateEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Renders the seed docker WorkflowRun (docker-build-run-01) with the production renderer:
 * parameter defaulting and validation, externalRefs, the CEL templates, post-processing. With the
 * program cache (the production setting) and without it, to show what the cache buys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RenderBenchmark {
  @Param({"true", "false"})
  public boolean programCache;

  private RunRenderer renderer;
  private WorkflowRun run;
  private ResolvedWorkflow workflow;

  @Setup
  public void setUp() {
    renderer = new RunRenderer(new TemplateEngine(new CelEnvironment(programCache)));
    run = SeedInputs.dockerRun();
    workflow = SeedInputs.dockerWorkflow();
  }

  @Benchmark
  public RenderedRun renderSeedDockerRun() {
    return renderer.render(run, workflow, "default", SecretReferenceLookup.none());
  }
}
