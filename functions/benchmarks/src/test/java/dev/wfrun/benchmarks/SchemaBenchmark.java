package dev.wfrun.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.schema.Violation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Structural defaulting plus validation of the seed docker run's parameters (compiled schema). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SchemaBenchmark {
  private ParameterSchema schema;
  private JsonNode parameters;

  @Setup
  public void setUp() {
    schema = ParameterSchema.of(SeedInputs.dockerWorkflow().spec());
    WorkflowRun run = SeedInputs.dockerRun();
    parameters = run.getSpec().workflow().parameters();
  }

  @Benchmark
  public List<Violation> defaultAndValidateSeedParameters() {
    List<Violation> violations = schema.validate(schema.applyDefaults(parameters));
    if (!violations.isEmpty()) {
      throw new IllegalStateException("seed parameters must be valid: " + violations);
    }
    return violations;
  }
}
