package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlaneSpec;
import dev.wfrun.api.v1alpha1.WorkflowPlaneStatus;
import dev.wfrun.core.resolve.ResolvedPlane;
import dev.wfrun.core.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.util.Optional;

/**
 * Probes each build plane's API and records the result in the plane's Ready condition. A
 * referenced observability plane that does not exist makes the plane not ready (seed 004). Planes
 * behind a cluster agent are left alone: the cluster gateway writes their {@code agentConnection}
 * and Ready from its live connections; the others get no {@code agentConnection} (no agent made it).
 */
final class PlaneProbe {
  static final String READY = "Ready";

  private final KubernetesClient control;
  private final BuildPlanes planes;
  private final Clock clock;

  PlaneProbe(KubernetesClient control, BuildPlanes planes, Clock clock) {
    this.control = control;
    this.planes = planes;
    this.clock = clock;
  }

  int probeAll() {
    int probed = 0;
    for (WorkflowPlane plane : control.resources(WorkflowPlane.class).inAnyNamespace().list().getItems()) {
      if (planes.throughGateway(ResolvedPlane.of(plane))) {
        continue;
      }
      WorkflowPlaneStatus next = probe(ResolvedPlane.of(plane), plane.getStatus(), plane.getMetadata().getGeneration());
      if (!next.equals(plane.getStatus())) {
        plane.setStatus(next);
        control.resources(WorkflowPlane.class).inNamespace(plane.getMetadata().getNamespace()).resource(plane)
            .updateStatus();
      }
      probed++;
    }
    for (ClusterWorkflowPlane plane : control.resources(ClusterWorkflowPlane.class).list().getItems()) {
      if (planes.throughGateway(ResolvedPlane.of(plane))) {
        continue;
      }
      WorkflowPlaneStatus next = probe(ResolvedPlane.of(plane), plane.getStatus(), plane.getMetadata().getGeneration());
      if (!next.equals(plane.getStatus())) {
        plane.setStatus(next);
        control.resources(ClusterWorkflowPlane.class).resource(plane).updateStatus();
      }
      probed++;
    }
    return probed;
  }

  WorkflowPlaneStatus probe(ResolvedPlane plane, WorkflowPlaneStatus current, Long generation) {
    String now = clock.instant().toString();
    long gen = generation == null ? 1 : generation;
    String problem = null;
    try {
      // /version answers every authenticated caller, so the probe needs no permission in the plane
      planes.clientFor(plane).getKubernetesVersion();
    } catch (RuntimeException e) {
      problem = "build plane API unreachable: " + e.getMessage();
    }
    boolean connected = problem == null;
    if (problem == null) {
      problem = missingObservabilityPlane(plane).orElse(null);
    }
    var conditions = Conditions.set(current == null ? null : current.conditions(), READY, problem == null,
        problem == null ? "PlaneReady" : connected ? "ObservabilityPlaneNotFound" : "PlaneUnreachable",
        problem == null ? "Build plane API answers" : problem, gen, now);
    return new WorkflowPlaneStatus(gen, conditions, null);
  }

  private Optional<String> missingObservabilityPlane(ResolvedPlane plane) {
    WorkflowPlaneSpec.ObservabilityPlaneRef ref = plane.spec() == null ? null : plane.spec().observabilityPlaneRef();
    if (ref == null) {
      // no reference: the default observability plane (a ClusterObservabilityPlane named "default", seed
      // 004) is optional; without one observability is simply not configured, which does not make the
      // plane unready. Only a plane that names an observability plane requires it to exist.
      return Optional.empty();
    }
    String kind = ref.kind() == null || ref.kind().isEmpty()
        ? (ClusterWorkflowPlane.KIND.equals(plane.kind()) ? "ClusterObservabilityPlane" : "ObservabilityPlane")
        : ref.kind();
    boolean cluster = kind.equals("ClusterObservabilityPlane");
    var context = new ResourceDefinitionContext.Builder().withGroup(OpenChoreo.GROUP).withVersion(OpenChoreo.VERSION)
        .withKind(kind).withPlural(kind.toLowerCase() + "s").withNamespaced(!cluster).build();
    var op = control.genericKubernetesResources(context);
    var found = cluster ? op.withName(ref.name()).get() : op.inNamespace(plane.namespace()).withName(ref.name()).get();
    return found == null
        ? Optional.of(kind + " \"" + ref.name() + "\" referenced by " + plane.reference() + " not found")
        : Optional.empty();
  }
}
