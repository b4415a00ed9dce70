package dev.wfrun.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowTask;
import dev.wfrun.core.engine.EngineObservation;
import dev.wfrun.core.engine.TaskLogStream;
import dev.wfrun.core.kube.Conflicts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The logs kept when a step fails, for after its pods are gone: the last {@value #LINES_PER_STEP} lines
 * of each failed task (at most {@value #MAX_STEPS} tasks, lines cut at {@value #MAX_LINE_CHARS}
 * characters), in one ConfigMap per run in wfrun's own namespace, so the WorkflowRun stays
 * upstream-compatible and no tenant can edit what was kept. Named by a hash of the run's key, labelled
 * with it; finalize deletes it with the run.
 */
public final class StepLogArchive {
  public static final String DEFAULT_NAMESPACE = "wfrun-system";
  public static final int LINES_PER_STEP = 100;
  public static final int MAX_LINE_CHARS = 1000;
  public static final int MAX_STEPS = 5;
  static final String KEY = "steps.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient control;
  private final String namespace;

  public StepLogArchive(KubernetesClient control, String namespace) {
    this.control = control;
    this.namespace = namespace;
  }

  /** The archive's ConfigMap name: {@code wfrun-steplogs-} and 24 hex digits of the run key's SHA-256. */
  public static String nameOf(RunKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((key.namespace() + "/" + key.name()).getBytes(StandardCharsets.UTF_8));
      return "wfrun-steplogs-" + HexFormat.of().formatHex(digest).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Keeps the last lines of each failed task of the observation that is not kept yet, read from its
   * pods on the plane. Best effort: a plane that refuses the read keeps nothing (the live logs are
   * still there until the pods go). Returns how many tasks it kept.
   */
  int keep(RunKey key, RunObjectReader.Read read, ResourceReference ref) {
    EngineObservation observed = read.observation();
    if (observed == null || observed.tasks() == null) {
      return 0;
    }
    List<String> failed = observed.tasks().stream()
        .filter(t -> "Failed".equals(t.phase()) || "Error".equals(t.phase())).map(WorkflowTask::name).toList();
    if (failed.isEmpty()) {
      return 0;
    }
    ObjectNode steps = stored(key).orElseGet(JSON::createObjectNode);
    int kept = 0;
    for (String task : failed) {
      if (steps.has(task) || steps.size() >= MAX_STEPS) {
        continue;
      }
      ArrayNode lines = JSON.createArrayNode();
      try {
        for (TaskLogStream stream : read.engine().logStreams(read.plane(), ref, task)) {
          for (RunLogs.Line line : RunLogs.readStream(read.plane(), stream, LINES_PER_STEP, null,
              RunLogs.MAX_BYTES_PER_CONTAINER)) {
            String text = line.log().length() > MAX_LINE_CHARS ? line.log().substring(0, MAX_LINE_CHARS) : line.log();
            lines.addArray().add(line.timestamp()).add(text);
          }
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() >= 500 || e.getCode() == 0) {
          throw e; // the plane failed: the event is retried
        }
        continue; // refused (403) or gone: nothing to keep
      }
      steps.set(task, lines);
      kept++;
    }
    if (kept > 0) {
      write(key, steps);
    }
    return kept;
  }

  /** The kept lines (of one task, or all), empty when nothing was kept for the run. */
  public Optional<List<RunLogs.Line>> read(RunKey key, String task) {
    return stored(key).map(steps -> {
      List<RunLogs.Line> out = new ArrayList<>();
      steps.fields().forEachRemaining(step -> {
        if (task == null || task.equals(step.getKey())) {
          for (JsonNode l : step.getValue()) {
            out.add(new RunLogs.Line(step.getKey(), l.path(0).isNull() ? null : l.path(0).asText(null),
                l.path(1).asText()));
          }
        }
      });
      return out;
    });
  }

  /** Deletes the run's archive (the run is being deleted). */
  public void delete(RunKey key) {
    control.configMaps().inNamespace(namespace).withName(nameOf(key)).delete();
  }

  private Optional<ObjectNode> stored(RunKey key) {
    ConfigMap map = control.configMaps().inNamespace(namespace).withName(nameOf(key)).get();
    if (map == null || map.getData() == null || map.getData().get(KEY) == null) {
      return Optional.empty();
    }
    Map<String, String> labels = map.getMetadata().getLabels();
    if (labels == null || !key.name().equals(labels.get(OpenChoreo.LABEL_WORKFLOWRUN))
        || !key.namespace().equals(labels.get(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE))) {
      return Optional.empty(); // a hash collision or someone else's ConfigMap: never shown as this run's
    }
    try {
      JsonNode tree = JSON.readTree(map.getData().get(KEY));
      return tree.isObject() ? Optional.of((ObjectNode) tree) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private void write(RunKey key, ObjectNode steps) {
    String name = nameOf(key);
    Conflicts.retry(() -> {
      var maps = control.configMaps().inNamespace(namespace);
      ConfigMap live = maps.withName(name).get();
      if (live == null) {
        return maps.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
            .withLabels(Map.of(OpenChoreo.LABEL_WORKFLOWRUN, key.name(),
                OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE, key.namespace(),
                OpenChoreo.LABEL_MANAGED_BY, OpenChoreo.MANAGED_BY_VALUE))
            .endMetadata().withData(Map.of(KEY, steps.toString())).build()).create();
      }
      live.setData(Map.of(KEY, steps.toString()));
      return maps.resource(live).update();
    });
  }
}
