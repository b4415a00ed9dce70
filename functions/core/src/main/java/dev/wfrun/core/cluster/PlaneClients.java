package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.resolve.ResolvedPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;

/** Which build plane a dispatched run lives on (recorded on the run), and that plane's client. */
final class PlaneClients {
  /** Annotation on a dispatched WorkflowRun: {@code Kind/name} or {@code Kind/namespace/name}. */
  static final String PLANE_ANNOTATION = "wfrun.dev/build-plane";

  /** Planes change rarely: a looked-up plane is reused this long. */
  static final long PLANE_CACHE_NANOS = java.time.Duration.ofSeconds(30).toNanos();

  private final KubernetesClient control;
  private final BuildPlanes planes;
  private final java.util.concurrent.ConcurrentHashMap<String, Cached> resolved =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Cached(Optional<ResolvedPlane> plane, long at) {}

  PlaneClients(KubernetesClient control, BuildPlanes planes) {
    this.control = control;
    this.planes = planes;
  }

  /**
   * The client of the plane the run was dispatched to (the control plane when unrecorded). The
   * annotation is writable by whoever may edit the run, so it is believed only for a plane the
   * run's namespace may use: a ClusterWorkflowPlane, or a WorkflowPlane in the run's own namespace.
   */
  KubernetesClient of(WorkflowRun run) {
    Map<String, String> annotations = run.getMetadata().getAnnotations();
    String ref = annotations == null ? null : annotations.get(PLANE_ANNOTATION);
    if (ref != null && !usableBy(ref, run.getMetadata().getNamespace())) {
      throw new IllegalArgumentException("annotation " + PLANE_ANNOTATION + ": plane \"" + ref
          + "\" is not one that runs in namespace " + run.getMetadata().getNamespace() + " may use");
    }
    return planes.clientFor(resolve(ref).orElse(null));
  }

  /** A ClusterWorkflowPlane, or a WorkflowPlane of the same namespace. */
  static boolean usableBy(String reference, String runNamespace) {
    String[] parts = reference.split("/");
    return (parts.length == 2 && parts[0].equals(ClusterWorkflowPlane.KIND))
        || (parts.length == 3 && parts[0].equals(WorkflowPlane.KIND) && parts[1].equals(runNamespace));
  }

  Optional<ResolvedPlane> resolve(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    Cached cached = resolved.get(reference);
    if (cached != null && System.nanoTime() - cached.at() < PLANE_CACHE_NANOS) {
      return cached.plane();
    }
    Optional<ResolvedPlane> plane = lookup(reference);
    resolved.put(reference, new Cached(plane, System.nanoTime()));
    return plane;
  }

  private Optional<ResolvedPlane> lookup(String reference) {
    String[] parts = reference.split("/");
    if (parts.length == 2 && parts[0].equals(ClusterWorkflowPlane.KIND)) {
      return Optional.ofNullable(control.resources(ClusterWorkflowPlane.class).withName(parts[1]).get())
          .map(ResolvedPlane::of);
    }
    if (parts.length == 3 && parts[0].equals(WorkflowPlane.KIND)) {
      return Optional.ofNullable(control.resources(WorkflowPlane.class).inNamespace(parts[1]).withName(parts[2]).get())
          .map(ResolvedPlane::of);
    }
    return Optional.empty();
  }

  KubernetesClient of(ResolvedPlane plane) {
    return planes.clientFor(plane);
  }
}
