package dev.wfrun.core.testing;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.argo.ArgoWorkflowStatus;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.cluster.BuildPlanes;
import dev.wfrun.core.cluster.RenderDispatch;
import dev.wfrun.core.cluster.Resync;
import dev.wfrun.core.cluster.RunFinalizer;
import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.cluster.StatusSync;
import dev.wfrun.core.cluster.TtlCleanup;
import dev.wfrun.core.render.RunRenderer;
import dev.wfrun.core.yaml.Manifest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A control plane and a separate build plane (two CRUD mock API servers), seeded with the
 * samples, and wfrun's steps wired to them as the functions wire them.
 */
public final class World implements AutoCloseable {
  /**
   * The test clock's start: the real time when tests begin, because the CRUD mock stamps
   * {@code creationTimestamp} with the real time and steps compare the two (a fixed date here
   * made resync's grace check depend on the day the suite runs).
   */
  public static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  public final ApiServers controlServer;
  public final ApiServers buildServer;
  public final KubernetesClient control;
  public final KubernetesClient build;
  public final MutableClock clock = new MutableClock(START);
  /** The build planes as render-dispatch reaches them (each step has its own, under its own identity). */
  public final BuildPlanes planes;
  private final java.util.List<BuildPlanes> allPlanes = new java.util.ArrayList<>();
  public final RenderDispatch dispatch;
  public final StatusSync sync;
  public final RunFinalizer finalizer;
  public final TtlCleanup ttl;
  public final Resync resync;

  public World() {
    this(ApiServers.controlPlane());
  }

  public World(ApiServers controlServer) {
    this.controlServer = controlServer;
    this.buildServer = ApiServers.buildPlane();
    this.control = controlServer.client();
    this.build = buildServer.client();
    KubernetesClient dispatcher = as("wfrun-render-dispatch");
    this.planes = planesOf(dispatcher);
    this.dispatch = new RenderDispatch(dispatcher, planes, new RunRenderer(), clock);
    KubernetesClient syncer = as("wfrun-status-sync");
    this.sync = new StatusSync(syncer, planesOf(syncer), clock);
    KubernetesClient finalizing = as("wfrun-finalize");
    this.finalizer = new RunFinalizer(finalizing, planesOf(finalizing));
    this.ttl = new TtlCleanup(as("wfrun-ttl-cleanup"), clock, 1000);
    // resync runs the other steps in its own process, so under its own identity
    KubernetesClient resyncer = as("wfrun-resync");
    BuildPlanes resyncPlanes = planesOf(resyncer);
    this.resync = new Resync(resyncer, resyncPlanes, new RenderDispatch(resyncer, resyncPlanes, new RunRenderer(), clock),
        new StatusSync(resyncer, resyncPlanes, clock), new RunFinalizer(resyncer, resyncPlanes), clock,
        Duration.ofSeconds(30));
    seed();
  }

  /** A client of the control plane as wfrun's ServiceAccount {@code name}, with its RBAC from knative/. */
  public KubernetesClient as(String serviceAccount) {
    return controlServer.clientAs(serviceAccount);
  }

  private BuildPlanes planesOf(KubernetesClient client) {
    BuildPlanes p = new BuildPlanes(client);
    allPlanes.add(p);
    return p;
  }

  private void seed() {
    control.resource(new SecretBuilder().withNewMetadata().withName("build-plane-kubeconfig")
        .withNamespace("wfrun-build-planes").endMetadata()
        .withData(Map.of("kubeconfig", Base64.getEncoder().encodeToString(
            buildServer.kubeconfig().getBytes(StandardCharsets.UTF_8))))
        .build()).create();
    for (String sample : new String[] {
        "platform/clusterworkflowplane-default.yaml", "docker-build/workflow-docker.yaml",
        "docker-build/secretreference-github-credentials.yaml", "component/componenttype-service.yaml",
        "component/component-greeter-service.yaml"}) {
      apply(Repo.sample(sample));
    }
    ClusterWorkflowPlane plane = control.resources(ClusterWorkflowPlane.class).withName("default").get();
    plane.getMetadata().setAnnotations(Map.of(BuildPlanes.KUBECONFIG_ANNOTATION, "wfrun-build-planes/build-plane-kubeconfig"));
    control.resources(ClusterWorkflowPlane.class).resource(plane).update();
  }

  public void apply(Manifest manifest) {
    GenericKubernetesResource object = Serialization.unmarshal(manifest.node().toString(), GenericKubernetesResource.class);
    control.resource(object).createOr(existing -> existing.update());
  }

  public RunKey createRun(String sample) {
    WorkflowRun run = Fixtures.run(sample);
    control.resources(WorkflowRun.class).inNamespace(run.getMetadata().getNamespace()).resource(run).create();
    return new RunKey(run.getMetadata().getNamespace(), run.getMetadata().getName());
  }

  /** Upstream's webhook Secret ({@code openchoreo-control-plane/git-webhook-secrets}) with one key, e.g. {@code github-secret}. */
  public void webhookSecret(String key, String secret) {
    webhookSecrets(Map.of(key, secret));
  }

  /** Upstream's webhook Secret with these keys ({@code github-secret} → its value). */
  public void webhookSecrets(Map<String, String> secrets) {
    Map<String, String> data = new java.util.TreeMap<>();
    secrets.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    control.resource(new SecretBuilder().withNewMetadata().withName("git-webhook-secrets")
        .withNamespace("openchoreo-control-plane").endMetadata().withData(data).build()).create();
  }

  /**
   * {@code count} more copies of the sample's greeter-service Component, {@code service-1} ... each
   * building its own repository {@code https://github.com/bench/repo-<i>} (for gateway load and cold starts).
   */
  public void copiesOfGreeter(int count) {
    for (int i = 1; i <= count; i++) {
      dev.wfrun.api.v1alpha1.Component c = control.resources(dev.wfrun.api.v1alpha1.Component.class)
          .inNamespace("default").withName("greeter-service").get();
      c.getMetadata().setName("service-" + i);
      c.getMetadata().setResourceVersion(null);
      c.getMetadata().setUid(null);
      ((com.fasterxml.jackson.databind.node.ObjectNode) c.getSpec().workflow().parameters().path("repository"))
          .put("url", "https://github.com/bench/repo-" + i);
      control.resource(c).create();
    }
  }

  /** Creates the WorkflowRun written as YAML and returns its key. */
  public RunKey createRunYaml(String yaml) {
    WorkflowRun run = Fixtures.runYaml(yaml);
    control.resources(WorkflowRun.class).inNamespace(run.getMetadata().getNamespace()).resource(run).create();
    return new RunKey(run.getMetadata().getNamespace(), run.getMetadata().getName());
  }

  public WorkflowRun run(RunKey key) {
    return control.resources(WorkflowRun.class).inNamespace(key.namespace()).withName(key.name()).get();
  }

  public ArgoWorkflow argo(RunKey key) {
    return build.resources(ArgoWorkflow.class).inNamespace("openchoreo-ci-" + key.namespace()).withName(key.name()).get();
  }

  /** Plays Argo: writes this status onto the run's Argo Workflow in the build plane. */
  public void setArgoStatus(RunKey key, ArgoWorkflowStatus status) {
    ArgoWorkflow wf = argo(key);
    wf.setStatus(status);
    build.resources(ArgoWorkflow.class).inNamespace(wf.getMetadata().getNamespace()).resource(wf).updateStatus();
  }

  /** Removes every trace of a run from both planes, so the next scenario starts clean. */
  public void forget(RunKey key) {
    var runs = control.resources(WorkflowRun.class).inNamespace(key.namespace());
    if (runs.withName(key.name()).get() != null) {
      runs.withName(key.name()).edit(r -> {
        r.getMetadata().setFinalizers(null);
        return r;
      });
      runs.withName(key.name()).delete();
    }
    build.resources(ArgoWorkflow.class).inAnyNamespace().delete();
    build.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
        .withGroup("external-secrets.io").withVersion("v1").withKind("ExternalSecret")
        .withPlural("externalsecrets").withNamespaced(true).build()).inAnyNamespace().delete();
    control.resources(dev.wfrun.api.v1alpha1.Workload.class).inAnyNamespace().delete();
  }

  /**
   * Back to the seeded state between tests that share one World (a Quarkus test's): every
   * WorkflowRun (finalizers stripped), every build-plane object, every Workload, every namespaced
   * WorkflowPlane (the seed has only the ClusterWorkflowPlane), so no test sees another's objects.
   */
  public void reset() {
    for (WorkflowRun run : control.resources(WorkflowRun.class).inAnyNamespace().list().getItems()) {
      forget(new RunKey(run.getMetadata().getNamespace(), run.getMetadata().getName()));
    }
    forget(new RunKey("default", "none"));
    control.resources(dev.wfrun.api.v1alpha1.WorkflowPlane.class).inAnyNamespace().delete();
  }

  @Override
  public void close() {
    allPlanes.forEach(BuildPlanes::close);
    buildServer.close();
    controlServer.close();
  }
}
