package dev.wfrun.core.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed among a plane's wfrun Argo Workflows between two lists (the polling fallback for
 * agents without wfrun's watch extension, as upstream's controller polls every 20 s): objects
 * whose resourceVersion moved are updates, objects gone are deletions. The first list of a plane
 * reports every object once, so nothing that changed while the gateway was down is missed.
 */
public final class WorkflowChanges {
  /** One change: an update (the object as listed now) or a deletion (the object as last seen). */
  public record Change(boolean deleted, JsonNode object) {}

  /** The label selector of the Argo Workflows wfrun creates. */
  public static final String SELECTOR = "openchoreo.dev/managed-by=workflowrun-controller";
  public static final String LIST_PATH = "/apis/argoproj.io/v1alpha1/workflows";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, JsonNode> seen = new HashMap<>();

  /** The changes since the last list; {@code listBody} is a WorkflowList as the API server answers it. */
  public synchronized List<Change> next(byte[] listBody) throws IOException {
    JsonNode list = JSON.readTree(listBody);
    Map<String, JsonNode> now = new HashMap<>();
    List<Change> changes = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      JsonNode metadata = item.path("metadata");
      String key = metadata.path("namespace").asText() + "/" + metadata.path("name").asText();
      now.put(key, item);
      JsonNode before = seen.get(key);
      if (before == null || !before.path("metadata").path("resourceVersion").asText()
          .equals(metadata.path("resourceVersion").asText())) {
        changes.add(new Change(false, withKind(item)));
      }
    }
    for (Map.Entry<String, JsonNode> e : seen.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        changes.add(new Change(true, e.getValue()));
      }
    }
    seen.clear();
    seen.putAll(now);
    return changes;
  }

  /** List items carry no apiVersion and kind; events need them. */
  private static JsonNode withKind(JsonNode item) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) item).deepCopy();
    if (!copy.has("apiVersion")) {
      copy.put("apiVersion", "argoproj.io/v1alpha1");
    }
    if (!copy.has("kind")) {
      copy.put("kind", "Workflow");
    }
    return copy;
  }
}
