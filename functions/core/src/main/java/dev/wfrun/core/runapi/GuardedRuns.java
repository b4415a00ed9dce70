package dev.wfrun.core.runapi;

import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.access.CallerAccess;
import dev.wfrun.core.naming.NameRules;
import dev.wfrun.core.runapi.CallerGate.Gate;
import dev.wfrun.core.runapi.CallerGate.Stop;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import java.util.function.Function;

/**
 * WorkflowRuns as a run API call reaches them: bad names answered first (400 naming the field), then the
 * caller's right to {@code verb} WorkflowRuns in the namespace, then the run itself (404 when absent).
 */
final class GuardedRuns {
  private final KubernetesClient client;
  private final CallerGate callers;

  GuardedRuns(KubernetesClient client) {
    this.client = client;
    this.callers = new CallerGate(client);
  }

  /** Bad input first (no API call for it), then who may {@code verb} WorkflowRuns in the namespace. */
  Gate gate(String authorization, String verb, String namespace, Optional<RunApiAnswer> badInput) {
    return callers.check(authorization, CallerAccess.Request.of(verb, OpenChoreo.GROUP, "workflowruns", namespace),
        badInput);
  }

  RunApiAnswer withRun(String authorization, String verb, String namespace, String name,
      Function<WorkflowRun, RunApiAnswer> then) {
    Gate gate = gate(authorization, verb, namespace, nameProblems(namespace, name));
    if (gate instanceof Stop stop) {
      return stop.answer();
    }
    WorkflowRun run = client.resources(WorkflowRun.class).inNamespace(namespace).withName(name).get();
    return run == null ? RunApiAnswer.problem(404, "Not Found", "WorkflowRun " + namespace + "/" + name + " not found")
        : then.apply(run);
  }

  static Optional<RunApiAnswer> nameProblems(String namespace, String name) {
    return namespaceProblem(namespace).or(() -> NameRules.objectNameProblem(name)
        .map(p -> RunApiAnswer.problem(400, "Bad Request", "run: " + p)));
  }

  static Optional<RunApiAnswer> namespaceProblem(String namespace) {
    return NameRules.namespaceProblem(namespace).map(p -> RunApiAnswer.problem(400, "Bad Request", "namespace: " + p));
  }
}
