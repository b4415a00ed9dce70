package dev.wfrun.core.conformance;

import static dev.wfrun.core.conformance.JsonAssert.assertSemanticEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.argo.ArgoWorkflowStatus;
import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import dev.wfrun.core.engine.argo.ArgoObservations;
import dev.wfrun.core.status.RunStatusMapper;
import dev.wfrun.core.status.RunLifecycle;
import dev.wfrun.core.status.RunPhase;
import dev.wfrun.core.ttl.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The harnesses of {@code status-mapping-cases.yaml}. Sync cases map the Argo status with
 * the Argo engine ({@link ArgoObservations}) and {@link RunStatusMapper}; tied tasks are compared as sets. The controller-runtime result maps
 * onto the mapper's {@code next}: requeueAfter = POLL, requeue = RETRY, {} = DONE. Lifecycle cases
 * check the step each one describes (finalizer, start, completion, TTL); the reconcile
 * bookkeeping around them (status-write counts, requeue results) belongs to controller-runtime,
 * which the event-driven functions replace.
 */
final class StatusConformance {
  static final String FILE = "status-mapping-cases.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOW = "2026-11-26T12:00:00Z";

  private StatusConformance() {}

  static Stream<ConformanceCase> cases() {
    JsonNode root = ConformanceFiles.read(FILE);
    List<ConformanceCase> all = new ArrayList<>();
    root.get("cases").forEach(c ->
        all.add(new ConformanceCase("status/cases", c.get("name").asText(), c, StatusConformance::sync)));
    root.get("lifecycle_cases").forEach(c ->
        all.add(new ConformanceCase("status/lifecycle_cases", c.get("name").asText(), c, StatusConformance::lifecycle)));
    return all.stream();
  }

  private static void sync(JsonNode body) throws Exception {
    JsonNode run = body.path("input").path("workflowRun");
    WorkflowRunStatus before = JSON.treeToValue(run.get("status"), WorkflowRunStatus.class);
    JsonNode argo = body.path("input").get("argoWorkflow");
    ArgoWorkflowStatus argoStatus = argo == null || argo.isNull()
        ? null
        : JSON.treeToValue(argo.path("status"), ArgoWorkflowStatus.class);
    RunStatusMapper.Outcome out = RunStatusMapper.map(before, run.path("generation").asLong(),
        argoStatus == null ? null : ArgoObservations.of(argoStatus), NOW);
    JsonNode expected = body.get("expected");
    JsonNode after = JSON.valueToTree(out.status());

    JsonNode tasks = expected.get("tasks");
    if (tasks.isTextual() && tasks.asText().equals("unchanged")) {
      assertSemanticEquals(JSON.valueToTree(before.tasks()), after.get("tasks"));
    } else {
      assertTasks(tasks, after.get("tasks"), expected.path("tasksOrderUnspecifiedWithin"));
    }
    ArrayNode conditions = (ArrayNode) expected.get("conditions").deepCopy();
    conditions.forEach(c -> {
      if ("now".equals(c.path("lastTransitionTime").asText())) {
        ((ObjectNode) c).put("lastTransitionTime", NOW);
      }
    });
    assertSemanticEquals(conditions, after.get("conditions"));
    assertNext(expected.get("result"), out.next());
    if (expected.has("apiStatus")) {
      assertSemanticEquals(expected.get("apiStatus"), JSON.valueToTree(RunPhase.of(out.status().conditions()).name()));
      assertSemanticEquals(expected.get("apiStatus"), after.get("phase"));
    }
  }

  private static void assertTasks(JsonNode expected, JsonNode actual, JsonNode tiedGroups) {
    if (expected.isNull()) {
      assertSemanticEquals(expected, actual);
      return;
    }
    if (actual == null || actual.size() != expected.size()) {
      throw new AssertionError("expected tasks " + expected + ", got " + actual);
    }
    Set<String> tied = new HashSet<>();
    tiedGroups.forEach(g -> g.forEach(n -> tied.add(n.asText())));
    for (int i = 0; i < expected.size(); i++) {
      String name = expected.get(i).path("name").asText();
      if (!tied.contains(name)) {
        assertSemanticEquals(expected.get(i), actual.get(i));
      }
    }
    for (JsonNode e : expected) {
      boolean found = false;
      for (JsonNode a : actual) {
        found |= JsonAssert.semanticEquals(e, a);
      }
      if (!found) {
        throw new AssertionError("task " + e + " missing from " + actual);
      }
    }
  }

  private static void assertNext(JsonNode result, RunStatusMapper.Next next) {
    RunStatusMapper.Next expected;
    if (result.has("requeueAfter")) {
      expected = RunStatusMapper.Next.POLL;
    } else if (result.path("requeue").asBoolean(false)) {
      expected = RunStatusMapper.Next.RETRY;
    } else if (result.has("resultComputed")) {
      assertNext(result.get("resultComputed"), next);
      return;
    } else {
      expected = RunStatusMapper.Next.DONE;
    }
    if (expected != next) {
      throw new AssertionError("result: expected " + expected + " for " + result + ", got " + next);
    }
  }

  private static void lifecycle(JsonNode body) throws Exception {
    JsonNode given = body.get("given");
    JsonNode expect = body.get("expect");
    Instant now = Instant.parse(NOW);
    if (expect.has("update")) {
      List<String> finalizers = new ArrayList<>();
      given.path("finalizers").forEach(f -> finalizers.add(f.asText()));
      assertSemanticEquals(expect.path("update").get("metadata.finalizers"),
          JSON.valueToTree(RunLifecycle.withFinalizer(finalizers)));
    } else if (expect.path("status").has("startedAt")) {
      WorkflowRunStatus status = RunLifecycle.initiate(WorkflowRunStatus.empty(), 1, NOW);
      JsonNode actual = JSON.valueToTree(status);
      assertSemanticEquals(JSON.valueToTree(NOW), actual.get("startedAt"));
      JsonNode condition = expect.path("status").path("conditions").get(0).deepCopy();
      ((ObjectNode) condition).put("lastTransitionTime", NOW);
      assertSemanticEquals(JSON.createArrayNode().add(condition), actual.get("conditions"));
    } else if (expect.path("status").has("completedAt")) {
      WorkflowRunStatus succeeded = RunStatusMapper.map(RunLifecycle.initiate(null, 1, NOW), 1,
          ArgoObservations.of(argo("Succeeded")), NOW)
          .status().withCompletedAt(null);
      assertSemanticEquals(JSON.valueToTree(NOW),
          JSON.valueToTree(RunLifecycle.markCompleted(succeeded, NOW).completedAt()));
    } else {
      String completedAt = given.path("status.completedAt").asText();
      Instant completed = completedAt.equals("now") ? now : now.minus(Duration.parse("PT" + completedAt
          .replace("now-", "").toUpperCase()));
      Expiry expiry = Expiry.of(completed.toString(), given.path("spec.ttlAfterCompletion").asText(), now);
      if (expect.path("delete").asText().equals("WorkflowRun")) {
        if (!(expiry instanceof Expiry.Delete)) {
          throw new AssertionError("expected the run to be deleted, got " + expiry);
        }
      } else if (expect.path("result").has("requeueAfter")) {
        Duration wait = Duration.parse("PT" + expect.path("result").get("requeueAfter").asText().replace("~", "")
            .toUpperCase());
        if (!(expiry instanceof Expiry.Keep keep) || !keep.until().equals(now.plus(wait))) {
          throw new AssertionError("expected to keep until now+" + wait + ", got " + expiry);
        }
      } else if (!(expiry instanceof Expiry.Never)) {
        throw new AssertionError("expected the TTL to be ignored, got " + expiry);
      }
    }
  }

  private static ArgoWorkflowStatus argo(String phase) {
    ArgoWorkflowStatus status = new ArgoWorkflowStatus();
    status.setPhase(phase);
    return status;
  }
}
