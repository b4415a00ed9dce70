package dev.wfrun.gateway;

import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.webhook.AutoBuildLookups;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Components, Workflows and ClusterWorkflows from informer caches: matching a delivery reads
 * memory, never lists the API per request.
 */
@ApplicationScoped
public class InformerLookups implements AutoBuildLookups {
  private final SharedIndexInformer<Component> components;
  private final SharedIndexInformer<Workflow> workflows;
  private final SharedIndexInformer<ClusterWorkflow> clusterWorkflows;
  private final InformerSync sync;

  /** Components in namespace/name order, rebuilt only after a cache changed. */
  private record Snapshot(long version, List<Component> components) {}

  private final AtomicLong changes = new AtomicLong();
  private volatile Snapshot sorted;

  public InformerLookups(KubernetesClient client) {
    this.components = client.resources(Component.class).inAnyNamespace().runnableInformer(0);
    this.workflows = client.resources(Workflow.class).inAnyNamespace().runnableInformer(0);
    this.clusterWorkflows = client.resources(ClusterWorkflow.class).runnableInformer(0);
    components.addEventHandler(new Counting<>());
    workflows.addEventHandler(new Counting<>());
    clusterWorkflows.addEventHandler(new Counting<>());
    this.sync = InformerSync.start(components, workflows, clusterWorkflows);
  }

  /** Blocks until the three caches have listed (the gateway's start waits for it, so no delivery sees them empty). */
  public void awaitSynced() {
    sync.await();
  }

  /** Counts every change of a cache (called after the store has it), so derived views are rebuilt. */
  private final class Counting<T> implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T added) {
      changes.incrementAndGet();
    }

    @Override
    public void onUpdate(T before, T after) {
      changes.incrementAndGet();
    }

    @Override
    public void onDelete(T deleted, boolean finalStateUnknown) {
      changes.incrementAndGet();
    }
  }

  @Override
  public long version() {
    return changes.get();
  }

  @Override
  public List<Component> components() {
    long version = changes.get();
    Snapshot snapshot = sorted;
    if (snapshot != null && snapshot.version() == version) {
      return snapshot.components();
    }
    List<Component> list = components.getStore().list().stream()
        .sorted(Comparator.comparing((Component c) -> c.getMetadata().getNamespace())
            .thenComparing(c -> c.getMetadata().getName()))
        .toList();
    sorted = new Snapshot(version, list);
    return list;
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
