package dev.wfrun.core.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.engine.RunObjectType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed among a plane's wfrun run objects (of one engine's type) between two lists (the polling fallback for
 * agents without wfrun's watch extension, as upstream's controller polls every 20 s): objects
 * whose resourceVersion moved are updates, objects gone are deletions. The first list of a plane
 * reports every object once, so nothing that changed while the gateway was down is missed.
 */
public final class RunObjectChanges {
  /** One change: an update (the object as listed now) or a deletion (the object as last seen). */
  public record Change(boolean deleted, JsonNode object) {}

  /** The label selector of the run objects wfrun creates. */
  public static final String SELECTOR = dev.wfrun.api.v1alpha1.OpenChoreo.LABEL_MANAGED_BY + "="
      + dev.wfrun.api.v1alpha1.OpenChoreo.MANAGED_BY_VALUE;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, JsonNode> seen = new HashMap<>();
  private final RunObjectType type;

  public RunObjectChanges(RunObjectType type) {
    this.type = type;
  }

  /** The run object type of the standard engine, which the cluster gateway lists and watches. */
  public static RunObjectType watchedType() {
    return BuildEngines.standard().all().get(0).runObjectType();
  }

  /** The changes since the last list; {@code listBody} is a list of the type as the API server answers it. */
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
        changes.add(new Change(false, withKind(type, item)));
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

  /** List items (and some watch events) carry no apiVersion and kind; events need them. */
  public static ObjectNode withKind(RunObjectType type, JsonNode item) {
    ObjectNode copy = ((ObjectNode) item).deepCopy();
    if (!copy.has("apiVersion")) {
      copy.put("apiVersion", type.apiVersion());
    }
    if (!copy.has("kind")) {
      copy.put("kind", type.kind());
    }
    return copy;
  }
}
