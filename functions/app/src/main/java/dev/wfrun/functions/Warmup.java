package dev.wfrun.functions;

import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.render.RunRenderer;
import dev.wfrun.core.render.SecretReferenceLookup;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Optional warm-up ({@code wfrun.warmup.enabled}, env {@code WFRUN_WARMUP_ENABLED}): renders the
 * functions' own small warm-up Workflow ({@code warmup/} in this jar, not a sample) once at start, so
 * the first real run does not pay for loading the CEL, schema and model code (about a second).
 * Readiness waits for it, so it suits always-on instances (a Knative Service with min-scale ≥ 1,
 * {@code wfrun dev}); scale-from-zero deployments leave it off (their cold start would wait for it).
 */
@ApplicationScoped
@Readiness
public class Warmup implements HealthCheck {
  private static final Logger LOG = Logger.getLogger(Warmup.class);
  private final boolean enabled;
  private final RunRenderer renderer;
  private final FunctionIdentities identities;
  private volatile boolean done;

  public Warmup(@ConfigProperty(name = "wfrun.warmup.enabled", defaultValue = "false") boolean enabled,
      RunRenderer renderer, FunctionIdentities identities) {
    this.enabled = enabled;
    this.renderer = renderer;
    this.identities = identities; // its client is made only when warming (not on a scale-from-zero start)
    this.done = !enabled;
  }

  void start(@Observes StartupEvent event) {
    if (enabled) {
      CompletableFuture.runAsync(this::warm).whenComplete((v, e) -> done = true);
    }
  }

  private void warm() {
    long start = System.nanoTime();
    try {
      render(renderer);
      LOG.infof("warm-up render done in %d ms", (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException | IOException e) {
      LOG.warnf("warm-up render failed (the first run will be slower): %s", e.getMessage());
    }
    readEachKind();
    serializeEachKind();
  }

  /**
   * Renders the packaged warm-up run with {@code renderer} and serialises the result; returns the
   * rendered run object's JSON (throws when the packaged input does not render).
   */
  static String render(RunRenderer renderer) throws IOException {
    Workflow workflow = read("warmup/workflow.yaml", Workflow.class);
    WorkflowRun run = read("warmup/workflowrun.yaml", WorkflowRun.class);
    var rendered = renderer.render(run, ResolvedWorkflow.of(workflow), "", SecretReferenceLookup.none());
    Serialization.asJson(run);
    return Serialization.asJson(rendered.resource());
  }

  /** The bodies the steps write, serialised once: builds Jackson's serializers without writing anything. */
  private static void serializeEachKind() {
    String ns = "wfrun-warm-up";
    List<Object> bodies = List.of(
        new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build(),
        new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata().withName(ns).withNamespace(ns)
            .endMetadata().build(),
        new io.fabric8.kubernetes.api.model.rbac.RoleBuilder().withNewMetadata().withName(ns).withNamespace(ns)
            .endMetadata().addNewRule().withApiGroups("").withResources("pods").withVerbs("get").endRule().build(),
        new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder().withNewMetadata().withName(ns)
            .withNamespace(ns).endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", ns)
            .addNewSubject().withKind("ServiceAccount").withName(ns).withNamespace(ns).endSubject().build(),
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder().withApiVersion("v1").withKind("X")
            .withNewMetadata().withName(ns).endMetadata().build(),
        new WorkflowRun(),
        new dev.wfrun.api.v1alpha1.Workload());
    for (Object body : bodies) {
      try {
        String json = Serialization.asJson(body);
        Serialization.unmarshal(json, body.getClass());
      } catch (RuntimeException e) {
        // best effort
      }
    }
  }

  /** One read of a name that does not exist per kind the steps use: loads the client code, changes nothing. */
  private void readEachKind() {
    String absent = "wfrun-warm-up-absent";
    var client = identities.clientOf("resync"); // the identity that reads every kind the steps read
    List<Runnable> reads = List.of(
        () -> client.resources(WorkflowRun.class).inNamespace(absent).withName(absent).get(),
        () -> client.resources(Workflow.class).inNamespace(absent).withName(absent).get(),
        () -> client.resources(dev.wfrun.api.v1alpha1.ClusterWorkflow.class).withName(absent).get(),
        () -> client.resources(dev.wfrun.api.v1alpha1.Component.class).inNamespace(absent).withName(absent).get(),
        () -> client.resources(dev.wfrun.api.v1alpha1.ComponentType.class).inNamespace(absent).withName(absent).get(),
        () -> client.resources(dev.wfrun.api.v1alpha1.WorkflowPlane.class).inNamespace(absent).withName(absent).get(),
        () -> client.resources(dev.wfrun.api.v1alpha1.ClusterWorkflowPlane.class).withName(absent).get(),
        () -> client.resources(dev.wfrun.api.v1alpha1.SecretReference.class).inNamespace(absent).withName(absent).get(),
        () -> client.resources(dev.wfrun.api.v1alpha1.Workload.class).inNamespace(absent).withName(absent).get(),
        () -> dev.wfrun.core.engine.BuildEngines.standard().all().forEach(e -> e.observe(client,
            new dev.wfrun.api.v1alpha1.ResourceReference(e.runObjectType().apiVersion(), e.runObjectType().kind(),
                absent, absent), absent, absent)),
        () -> client.namespaces().withName(absent).get(),
        () -> client.serviceAccounts().inNamespace(absent).withName(absent).get(),
        () -> client.rbac().roles().inNamespace(absent).withName(absent).get(),
        () -> client.rbac().roleBindings().inNamespace(absent).withName(absent).get());
    for (Runnable read : reads) {
      try {
        read.run();
      } catch (RuntimeException e) {
        // not allowed or not reachable: the warm-up is best effort
      }
    }
  }

  private static <T> T read(String resource, Class<T> type) throws IOException {
    try (InputStream in = Warmup.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " not packaged");
      }
      return Serialization.unmarshal(in, type);
    }
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("warm-up").status(done).build();
  }
}
