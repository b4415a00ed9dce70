package dev.wfrun.gateway;

import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.webhook.AutoBuildLookups;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Components, Workflows and ClusterWorkflows from informer caches: matching a delivery reads
 * memory, never lists the API per request.
 */
@ApplicationScoped
public class InformerLookups implements AutoBuildLookups {
  private final SharedIndexInformer<Component> components;
  private final SharedIndexInformer<Workflow> workflows;
  private final SharedIndexInformer<ClusterWorkflow> clusterWorkflows;

  public InformerLookups(KubernetesClient client) {
    this.components = client.resources(Component.class).inAnyNamespace().inform();
    this.workflows = client.resources(Workflow.class).inAnyNamespace().inform();
    this.clusterWorkflows = client.resources(ClusterWorkflow.class).inform();
  }

  @Override
  public List<Component> components() {
    return components.getStore().list().stream()
        .sorted(Comparator.comparing((Component c) -> c.getMetadata().getNamespace())
            .thenComparing(c -> c.getMetadata().getName()))
        .toList();
  }

  @Override
  public Optional<ResolvedWorkflow> workflow(String namespace, String name) {
    return Optional.ofNullable(workflows.getStore().getByKey(namespace + "/" + name)).map(ResolvedWorkflow::of);
  }

  @Override
  public Optional<ResolvedWorkflow> clusterWorkflow(String name) {
    return Optional.ofNullable(clusterWorkflows.getStore().getByKey(name)).map(ResolvedWorkflow::of);
  }

  void stop(@Observes ShutdownEvent event) {
    components.close();
    workflows.close();
    clusterWorkflows.close();
  }
}
