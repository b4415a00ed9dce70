package dev.wfrun.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowPlaneSpec;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.testing.Fixtures;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolversTest {
  private static Workflow workflow(String ns, String name) {
    Workflow w = new Workflow();
    w.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    w.setSpec(new WorkflowSpec(null, null, null, null, null, null, null));
    return w;
  }

  private static ClusterWorkflow clusterWorkflow(String name) {
    ClusterWorkflow w = new ClusterWorkflow();
    w.setMetadata(new ObjectMetaBuilder().withName(name).build());
    w.setSpec(new WorkflowSpec(null, null, null, null, null, null, null));
    return w;
  }

  private static WorkflowLookup lookup(Map<String, Workflow> namespaced, Map<String, ClusterWorkflow> cluster) {
    return new WorkflowLookup() {
      @Override
      public Optional<Workflow> workflow(String namespace, String name) {
        return Optional.ofNullable(namespaced.get(namespace + "/" + name));
      }

      @Override
      public Optional<ClusterWorkflow> clusterWorkflow(String name) {
        return Optional.ofNullable(cluster.get(name));
      }
    };
  }

  private static WorkflowRun run(String kind) {
    return Fixtures.runYaml("""
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: r, namespace: team}
        spec: {workflow: {KIND name: docker}}
        """.replace("KIND", kind.isEmpty() ? "" : "kind: " + kind + ","));
  }

  @Test
  void withoutKindTheNamespacesWorkflowWinsOverTheClusterWorkflow() {
    var both = lookup(Map.of("team/docker", workflow("team", "docker")), Map.of("docker", clusterWorkflow("docker")));
    assertThat(WorkflowResolver.resolve(run(""), both).kind()).isEqualTo("Workflow");
    var clusterOnly = lookup(Map.of("other/docker", workflow("other", "docker")), Map.of("docker", clusterWorkflow("docker")));
    assertThat(WorkflowResolver.resolve(run(""), clusterOnly).kind()).isEqualTo("ClusterWorkflow");
  }

  @Test
  void anExplicitKindIsLookedUpExactly() {
    var clusterOnly = lookup(Map.of(), Map.of("docker", clusterWorkflow("docker")));
    assertThatThrownBy(() -> WorkflowResolver.resolve(run("Workflow"), clusterOnly))
        .isInstanceOf(WorkflowNotFoundException.class)
        .hasMessage("workflow 'docker' not found in namespace 'team'");
    assertThat(WorkflowResolver.resolve(run("ClusterWorkflow"), clusterOnly).name()).isEqualTo("docker");
  }

  @Test
  void planeFallsBackFromTheNamespacesDefaultToTheClusterDefault() {
    WorkflowPlaneSpec nsPlane = new WorkflowPlaneSpec("ns", null, new WorkflowPlaneSpec.SecretStoreRef("ns-store"), null);
    WorkflowPlaneSpec clusterPlane = new WorkflowPlaneSpec("c", null, new WorkflowPlaneSpec.SecretStoreRef("c-store"), null);
    PlaneLookup planes = new PlaneLookup() {
      @Override
      public Optional<WorkflowPlane> workflowPlane(String namespace, String name) {
        if (!namespace.equals("team") || !name.equals("default")) {
          return Optional.empty();
        }
        WorkflowPlane plane = new WorkflowPlane();
        plane.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        plane.setSpec(nsPlane);
        return Optional.of(plane);
      }

      @Override
      public Optional<ClusterWorkflowPlane> clusterWorkflowPlane(String name) {
        if (!name.equals("default")) {
          return Optional.empty();
        }
        ClusterWorkflowPlane plane = new ClusterWorkflowPlane();
        plane.setMetadata(new ObjectMetaBuilder().withName(name).build());
        plane.setSpec(clusterPlane);
        return Optional.of(plane);
      }
    };
    ResolvedWorkflow namespaced = ResolvedWorkflow.of(workflow("team", "docker"));
    assertThat(PlaneResolver.resolve(namespaced, "team", planes)).map(ResolvedPlane::secretStore).contains("ns-store");
    assertThat(PlaneResolver.resolve(namespaced, "other", planes)).map(ResolvedPlane::secretStore).contains("c-store");
    ResolvedWorkflow cluster = ResolvedWorkflow.of(clusterWorkflow("docker"));
    assertThat(PlaneResolver.resolve(cluster, "team", planes))
        .as("a ClusterWorkflow never falls back to a namespaced plane")
        .map(ResolvedPlane::secretStore).contains("c-store");
  }
}
