package dev.wfrun.dev.buildplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.argo.ArgoWorkflowStatus;
import dev.wfrun.api.argo.ArgoWorkflowStatus.Node;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A SIMULATED build plane: nothing is executed. Each new Argo Workflow is advanced through the steps of
 * its templates (ClusterWorkflowTemplates resolved) the way Argo's controller writes status: phase,
 * one Pod node per step with start and finish times, output parameters ({@code generate-workload-cr}
 * yields a real {@code workload-cr}), the completed labels. Every step takes the step duration; a
 * chosen step can be made to fail. Steps keep to their schedule: the status writes happen while a
 * step runs, as Argo's controller writes while the pod runs, so N steps take N step durations.
 * With a log sink, each step also gets the Pod Argo would create (its workflow label and node-name
 * annotation, {@code wait} and {@code main} containers) and a few timestamped lines in its
 * {@code main} log (the failing step an error), which the embedded API serves as pod logs; the pods go
 * with their Workflow.
 */
public final class SimulatedBuildPlane implements AutoCloseable {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
  public static final String ANNOTATION = "wfrun.dev/simulated-build-plane";
  /** On an Argo Workflow: how long each simulated step takes, in seconds. */
  public static final String STEP_SECONDS_ANNOTATION = "wfrun.dev/simulated-step-seconds";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceDefinitionContext WORKFLOWS = new ResourceDefinitionContext.Builder()
      .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Workflow").withPlural("workflows")
      .withNamespaced(true).build();
  private static final ResourceDefinitionContext CLUSTER_TEMPLATES = new ResourceDefinitionContext.Builder()
      .withGroup("argoproj.io").withVersion("v1alpha1").withKind("ClusterWorkflowTemplate")
      .withPlural("clusterworkflowtemplates").withNamespaced(false).build();

  private final KubernetesClient client;
  private final Duration stepDuration;
  private final Optional<String> failStep;
  private final SimulatedOutputs outputs;
  private final Clock clock;
  private final PrintStream console;
  private final dev.wfrun.apiserver.PodLogs podLogs;
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Set<String> instantRunNamespaces = ConcurrentHashMap.newKeySet();
  private final ExecutorService runners = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "wfrun-dev-build-plane");
    t.setDaemon(true);
    return t;
  });
  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private volatile boolean closed;

  /**
   * Whether objects of {@code apiVersion} live in the build plane (Argo's: the samples'
   * ClusterWorkflowTemplates), not in the control plane.
   */
  public static boolean holds(String apiVersion) {
    return apiVersion != null && apiVersion.startsWith(WORKFLOWS.getGroup() + "/");
  }

  public SimulatedBuildPlane(KubernetesClient client, Duration stepDuration, Optional<String> failStep,
      Optional<Path> descriptor, Clock clock, PrintStream console) {
    this(client, stepDuration, failStep, descriptor, clock, console, null);
  }

  /** @param podLogs where the steps' pod logs go (the build plane's embedded API), or null for no pods */
  public SimulatedBuildPlane(KubernetesClient client, Duration stepDuration, Optional<String> failStep,
      Optional<Path> descriptor, Clock clock, PrintStream console, dev.wfrun.apiserver.PodLogs podLogs) {
    this.podLogs = podLogs;
    this.client = client;
    this.stepDuration = stepDuration;
    this.failStep = failStep;
    this.outputs = new SimulatedOutputs(descriptor);
    this.clock = clock;
    this.console = console;
    this.informer = client.genericKubernetesResources(WORKFLOWS).inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource obj) {
        maybeStart(obj);
      }

      @Override
      public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
        maybeStart(newObj);
      }

      @Override
      public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
        // a running simulation notices on its next write; the pods go with the Workflow (Argo's owner references)
        if (podLogs != null && obj.getMetadata() != null) {
          try {
            client.pods().inNamespace(obj.getMetadata().getNamespace())
                .withLabel(POD_WORKFLOW_LABEL, obj.getMetadata().getName()).delete();
          } catch (KubernetesClientException e) {
            console.printf("[simulated build plane] could not delete the pods of %s: %s%n", obj.getMetadata().getName(),
                e.getMessage());
          }
        }
      }
    }, 0);
  }

  /**
   * Runs of WorkflowRuns in {@code runNamespace} take no time, never fail, are written twice
   * (running, then finished) and are not shown: for {@code wfrun dev}'s warm-up run.
   */
  public void runInstantly(String runNamespace) {
    instantRunNamespaces.add(runNamespace);
  }

  private void maybeStart(GenericKubernetesResource workflow) {
    Object status = workflow.getAdditionalProperties().get("status");
    boolean fresh = !(status instanceof Map<?, ?> map) || map.get("phase") == null;
    String key = workflow.getMetadata().getNamespace() + "/" + workflow.getMetadata().getName() + "/"
        + workflow.getMetadata().getUid();
    if (!closed && fresh && started.add(key)) {
      runners.execute(() -> simulate(workflow.getMetadata().getNamespace(), workflow.getMetadata().getName()));
    }
  }

  /**
   * How long the simulated controller takes to pick a new Workflow up, as Argo's controller takes a
   * moment (its informer, its queue): the creator has time to record what it created.
   */
  static final Duration PICK_UP = Duration.ofMillis(50);

  private void simulate(String namespace, String name) {
    try {
      sleepUntil(System.nanoTime() + PICK_UP.toNanos());
      GenericKubernetesResource current = client.genericKubernetesResources(WORKFLOWS).inNamespace(namespace)
          .withName(name).get();
      if (current == null) {
        return;
      }
      JsonNode workflow = SERIALIZATION.convertValue(current, JsonNode.class);
      List<PlannedStep> plan = ArgoStepPlan.of(workflow, this::clusterTemplate);
      Map<String, String> parameters = new LinkedHashMap<>();
      workflow.path("spec").path("arguments").path("parameters")
          .forEach(p -> parameters.put(p.path("name").asText(), p.path("value").asText()));
      boolean instant = instantRunNamespaces.contains(
          workflow.path("metadata").path("labels").path(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE).asText());
      if (!instant) {
        console.printf("[simulated build plane] %s/%s: %d steps%n", namespace, name, plan.size());
      }
      run(new StatusWriter(current), workflow.path("spec").path("entrypoint").asText(), plan, parameters, instant,
          stepDurationOf(workflow));
    } catch (KubernetesClientException e) {
      if (!closed) {
        console.printf("[simulated build plane] %s/%s stopped: %s%n", namespace, name, e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Optional<JsonNode> clusterTemplate(String name) {
    GenericKubernetesResource t = client.genericKubernetesResources(CLUSTER_TEMPLATES).withName(name).get();
    return Optional.ofNullable(t).map(JSON::valueToTree);
  }

  /**
   * A step's simulated duration: the Workflow's annotation {@value #STEP_SECONDS_ANNOTATION} (0 to 600
   * seconds; a run template may set it, to keep a run busy), else {@code --step-seconds}.
   */
  private Duration stepDurationOf(JsonNode workflow) {
    String value = workflow.path("metadata").path("annotations").path(STEP_SECONDS_ANNOTATION).asText("");
    try {
      double seconds = Double.parseDouble(value);
      if (seconds >= 0 && seconds <= 600) {
        return Duration.ofMillis((long) (seconds * 1000));
      }
    } catch (NumberFormatException ignored) {
      // not given, or not a number: the default
    }
    return stepDuration;
  }

  private void run(StatusWriter writer, String entrypoint, List<PlannedStep> plan, Map<String, String> parameters,
      boolean instant, Duration stepDuration) throws InterruptedException {
    String namespace = writer.namespace;
    String name = writer.name;
    long stepNanos = instant ? 0 : stepDuration.toNanos();
    long stepEnds = System.nanoTime();
    String start = now();
    ArgoWorkflowStatus status = new ArgoWorkflowStatus();
    status.setPhase("Running");
    status.setStartedAt(start);
    status.setMessage("simulated by wfrun dev");
    status.setAdditionalProperty("progress", "0/" + plan.size());
    Map<String, Node> nodes = new LinkedHashMap<>();
    status.setNodes(nodes);
    Node root = node(name, name, name, "Steps", start);
    root.setAdditionalProperty("templateName", entrypoint);
    List<String> children = new ArrayList<>();
    root.setAdditionalProperty("children", children);
    nodes.put(name, root);
    if (!writer.write(status, null)) {
      return;
    }
    Map<String, String> stepOutputs = new HashMap<>();
    String failedStep = null;
    int done = 0;
    int groups = plan.stream().mapToInt(PlannedStep::group).max().orElse(-1) + 1;
    for (int g = 0; g < groups && failedStep == null; g++) {
      int group = g;
      List<PlannedStep> members = plan.stream().filter(s -> s.group() == group).toList();
      String stepStart = now();
      List<String> ids = new ArrayList<>();
      for (PlannedStep step : members) {
        String id = name + "-" + Integer.toUnsignedString((name + "[" + group + "]." + step.name()).hashCode());
        ids.add(id);
        children.add(id);
        Node pod = node(id, name + "[" + group + "]." + step.name(), step.name(), "Pod", stepStart);
        if (!instant) {
          startPod(namespace, name, id, pod.getName(), step);
        }
        pod.setAdditionalProperty("templateName", step.templateName());
        pod.setAdditionalProperty("boundaryID", name);
        nodes.put(id, pod);
      }
      if (!instant && !writer.write(status, null)) { // an instant run writes start and end only
        return;
      }
      stepEnds += stepNanos;
      if (sleepUntilStopped(stepEnds, namespace, name)) {
        // Argo's shutdown: the running pods are terminated, the Workflow fails with Argo's message
        String stopped = now();
        for (int i = 0; i < members.size(); i++) {
          Node node = nodes.get(ids.get(i));
          node.setPhase("Failed");
          node.setFinishedAt(stopped);
          node.setMessage("Stopped with strategy 'Stop'");
          if (!instant) {
            log(namespace, ids.get(i), members.get(i).name() + ": terminated (workflow stopped)");
            if (podLogs != null) {
              podLogs.finish(namespace, ids.get(i), "main");
            }
          }
        }
        root.setPhase("Failed");
        root.setFinishedAt(stopped);
        status.setPhase("Failed");
        status.setFinishedAt(stopped);
        status.setMessage("Stopped with strategy 'Stop'");
        writer.write(status, "Failed");
        console.printf("[simulated build plane] %s/%s: stopped%n", namespace, name);
        return;
      }
      String stepEnd = now();
      for (int i = 0; i < members.size(); i++) {
        PlannedStep step = members.get(i);
        Node node = nodes.get(ids.get(i));
        node.setFinishedAt(stepEnd);
        String failure = failure(step, instant);
        if (!instant) {
          log(namespace, ids.get(i), failure == null ? step.name() + ": done (simulated)" : "error: " + failure);
          if (podLogs != null) {
            podLogs.finish(namespace, ids.get(i), "main"); // the container terminated
          }
        }
        if (failure != null) {
          node.setPhase("Failed");
          node.setMessage(failure);
          failedStep = step.name();
          continue;
        }
        Map<String, String> produced;
        try {
          produced = outputs.produce(name, step, parameters, stepOutputs);
        } catch (RuntimeException e) {
          node.setPhase("Failed");
          node.setMessage("simulated step failed: " + e.getMessage());
          failedStep = step.name();
          continue;
        }
        node.setPhase("Succeeded");
        node.setMessage("simulated");
        if (!produced.isEmpty()) {
          List<ArgoWorkflowStatus.Parameter> list = new ArrayList<>();
          produced.forEach((k, v) -> {
            ArgoWorkflowStatus.Parameter parameter = new ArgoWorkflowStatus.Parameter();
            parameter.setName(k);
            parameter.setValue(v);
            list.add(parameter);
            stepOutputs.put("steps." + step.name() + ".outputs.parameters." + k, v);
          });
          ArgoWorkflowStatus.Outputs out = new ArgoWorkflowStatus.Outputs();
          out.setParameters(list);
          node.setOutputs(out);
        }
        done++;
      }
      status.setAdditionalProperty("progress", done + "/" + plan.size());
    }
    String end = now();
    String phase = failedStep == null ? "Succeeded" : "Failed";
    root.setPhase(phase);
    root.setFinishedAt(end);
    status.setPhase(phase);
    status.setFinishedAt(end);
    status.setMessage(failedStep == null ? "simulated by wfrun dev" : "child '" + failedStep + "' failed (simulated)");
    writer.write(status, phase);
    if (!instant) {
      console.printf("[simulated build plane] %s/%s: %s%n", namespace, name, phase);
    }
  }

  static final String POD_WORKFLOW_LABEL = "workflows.argoproj.io/workflow";
  static final String POD_NODE_ANNOTATION = "workflows.argoproj.io/node-name";

  /** The Pod Argo would start for a step, and its first lines. */
  private void startPod(String namespace, String workflow, String id, String nodeName, PlannedStep step) {
    if (podLogs == null) {
      return;
    }
    try {
      client.pods().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
          .withNewMetadata().withName(id).withNamespace(namespace)
          .withLabels(Map.of(POD_WORKFLOW_LABEL, workflow))
          .withAnnotations(Map.of(POD_NODE_ANNOTATION, nodeName)).endMetadata()
          .withNewSpec().addNewContainer().withName("wait").withImage("quay.io/argoproj/argoexec").endContainer()
          .addNewContainer().withName("main").withImage("simulated").endContainer().endSpec().build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        console.printf("[simulated build plane] could not create the pod of step %s: %s%n", step.name(), e.getMessage());
        return;
      }
    }
    event(namespace, id, "Scheduled", "Successfully assigned " + namespace + "/" + id + " to wfrun-dev");
    event(namespace, id, "Started", "Started container main (simulated)");
    log(namespace, id, step.name() + ": started (simulated, template " + step.templateName() + ")");
    podLogs.append(namespace, id, "wait", Instant.now(clock), "executor: waiting for the main container");
  }

  /** A Normal Event about the step's pod, as the scheduler and kubelet write them. */
  private void event(String namespace, String pod, String reason, String message) {
    String now = Instant.now(clock).toString();
    try {
      client.v1().events().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.EventBuilder()
          .withNewMetadata().withName(pod + "." + reason.toLowerCase()).withNamespace(namespace).endMetadata()
          .withNewInvolvedObject().withKind("Pod").withName(pod).withNamespace(namespace).withApiVersion("v1")
          .endInvolvedObject().withType("Normal").withReason(reason).withMessage(message)
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .withNewSource().withComponent("wfrun-dev").endSource().build()).create();
    } catch (KubernetesClientException e) {
      console.printf("[simulated build plane] could not record event %s of pod %s: %s%n", reason, pod, e.getMessage());
    }
  }

  private void log(String namespace, String pod, String text) {
    if (podLogs != null) {
      podLogs.append(namespace, pod, "main", Instant.now(clock), text);
    }
  }

  private static Node node(String id, String name, String displayName, String type, String startedAt) {
    Node node = new Node();
    node.setId(id);
    node.setName(name);
    node.setDisplayName(displayName);
    node.setType(type);
    node.setPhase("Running");
    node.setStartedAt(startedAt);
    return node;
  }

  /**
   * Sleeps until {@code nanoTime}, looking every {@value #STOP_CHECK_MILLIS} ms whether the Workflow was
   * told to stop ({@code spec.shutdown}, as wfrun's cancel does); true when it was (or is gone).
   */
  private boolean sleepUntilStopped(long nanoTime, String namespace, String name) throws InterruptedException {
    while (System.nanoTime() < nanoTime) {
      sleepUntil(Math.min(nanoTime, System.nanoTime() + STOP_CHECK_MILLIS * 1_000_000L));
      if (System.nanoTime() >= nanoTime) {
        break;
      }
      GenericKubernetesResource wf = client.genericKubernetesResources(WORKFLOWS).inNamespace(namespace)
          .withName(name).get();
      Object spec = wf == null ? null : wf.getAdditionalProperties().get("spec");
      if (wf == null || (spec instanceof Map<?, ?> m && m.get("shutdown") != null)) {
        return true;
      }
    }
    return false;
  }

  static final long STOP_CHECK_MILLIS = 250;

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  private String failure(PlannedStep step, boolean instant) {
    if (!instant && failStep.isPresent() && failStep.get().equals(step.name())) {
      return "simulated failure (--fail-step " + step.name() + ")";
    }
    if (step.template() == null) {
      return "template " + step.templateName() + " not found";
    }
    return null;
  }

  /**
   * Writes one Workflow's status, as Argo's controller does: over the object it wrote last (the
   * simulation is the only writer), read again only on a conflict.
   */
  private final class StatusWriter {
    private final String namespace;
    private final String name;
    private GenericKubernetesResource last;

    StatusWriter(GenericKubernetesResource read) {
      this.namespace = read.getMetadata().getNamespace();
      this.name = read.getMetadata().getName();
      this.last = read;
    }

    /** The status (and on completion Argo's phase/completed labels); false when the Workflow is gone. */
    boolean write(ArgoWorkflowStatus status, String finalPhase) {
      var resource = client.genericKubernetesResources(WORKFLOWS).inNamespace(namespace).withName(name);
      for (int attempt = 0; attempt < 5 && !closed; attempt++) {
        if (last == null) {
          return false;
        }
        try {
          last = client.genericKubernetesResources(WORKFLOWS).inNamespace(namespace)
              .resource(edited(last, status, finalPhase)).update();
          return true;
        } catch (KubernetesClientException e) {
          if (e.getCode() == 404) {
            return false;
          }
          if (e.getCode() != 409) {
            throw e;
          }
          last = resource.get();
        }
      }
      return false;
    }
  }

  private static GenericKubernetesResource edited(GenericKubernetesResource wf, ArgoWorkflowStatus status,
      String finalPhase) {
    wf.getAdditionalProperties().put("status", JSON.convertValue(status, Map.class));
    Map<String, String> annotations = wf.getMetadata().getAnnotations() == null ? new HashMap<>()
        : new HashMap<>(wf.getMetadata().getAnnotations());
    annotations.put(ANNOTATION, "true");
    wf.getMetadata().setAnnotations(annotations);
    Map<String, String> labels = wf.getMetadata().getLabels() == null ? new HashMap<>()
        : new HashMap<>(wf.getMetadata().getLabels());
    labels.put("workflows.argoproj.io/phase", finalPhase == null ? "Running" : finalPhase);
    if (finalPhase != null) {
      labels.put("workflows.argoproj.io/completed", "true");
    }
    wf.getMetadata().setLabels(labels);
    return wf;
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @Override
  public void close() {
    closed = true;
    informer.close();
    runners.shutdownNow();
  }
}
