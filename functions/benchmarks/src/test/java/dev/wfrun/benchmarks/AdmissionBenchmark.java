package dev.wfrun.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.admission.AdmissionReviewer;
import dev.wfrun.core.admission.ClusterChecks;
import dev.wfrun.core.testing.Repo;
import dev.wfrun.core.testing.World;
import dev.wfrun.core.validation.ObjectValidator;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One AdmissionReview answered, sampled (p50/p99): the seed docker Workflow (CRD schema, template
 * structure, every expression type-checked against its parameter schema), and a run of it (the
 * Workflow read from the embedded API over loopback, its parameters defaulted and validated, the
 * Component's type read).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class AdmissionBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private World world;
  private AdmissionReviewer reviewer;
  private JsonNode workflowReview;
  private JsonNode runReview;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    System.setProperty("wfrun.repo.root", System.getProperty("user.dir"));
    world = new World();
    reviewer = new AdmissionReviewer(new ObjectValidator(), new ClusterChecks(world.as("wfrun-admission")));
    workflowReview = review("Workflow", Repo.sample("docker-build/workflow-docker.yaml").node());
    runReview = review("WorkflowRun", JSON.readTree("""
        {"apiVersion": "openchoreo.dev/v1alpha1", "kind": "WorkflowRun",
         "metadata": {"name": "r", "labels": {"openchoreo.dev/component": "greeter-service", "openchoreo.dev/project": "default"}},
         "spec": {"workflow": {"kind": "Workflow", "name": "docker", "parameters": {"repository": {"url": "https://github.com/a/b"}}}}}
        """));
    if (!reviewer.review(workflowReview).path("response").path("allowed").asBoolean()
        || !reviewer.review(runReview).path("response").path("allowed").asBoolean()) {
      throw new IllegalStateException("the benchmark's objects must be admitted: " + reviewer.review(runReview));
    }
  }

  private static JsonNode review(String kind, JsonNode object) {
    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", "u").put("operation", "UPDATE").put("namespace", "default");
    request.putObject("kind").put("group", "openchoreo.dev").put("version", "v1alpha1").put("kind", kind);
    request.set("object", object);
    return review;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    world.close();
  }

  @Benchmark
  public JsonNode seedDockerWorkflow() {
    return reviewer.review(workflowReview);
  }

  @Benchmark
  public JsonNode runOfTheSeedWorkflow() {
    return reviewer.review(runReview);
  }
}
