package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code meta.k8s.io/v1} Tables, as the API server builds them for {@code kubectl get}: Name plus
 * the CRD's printer columns (Name and Age without any), date columns as ages, each row carrying
 * its object.
 */
public final class TableConverter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonNode AGE = NODES.objectNode().put("name", "Age").put("type", "date")
      .put("jsonPath", ".metadata.creationTimestamp");

  private TableConverter() {}

  /** A Table of a list (its {@code items}) or of one object. */
  public static ObjectNode table(ApiResource type, JsonNode listOrObject, Instant now, boolean withColumns) {
    ObjectNode table = NODES.objectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    JsonNode listMeta = listOrObject.path("metadata");
    if (listOrObject.has("items")) {
      copy(listMeta, metadata, "resourceVersion");
      copy(listMeta, metadata, "continue");
    } else {
      copy(listMeta, metadata, "resourceVersion");
    }
    List<JsonNode> columns = columns(type);
    if (withColumns) {
      ArrayNode definitions = table.putArray("columnDefinitions");
      definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
          .put("description", "Name must be unique within a namespace.").put("priority", 0);
      for (JsonNode c : columns) {
        definitions.addObject().put("name", c.path("name").asText())
            .put("type", "date".equals(c.path("type").asText()) ? "string" : c.path("type").asText("string"))
            .put("format", c.path("format").asText(""))
            .put("description", c.path("description").asText(""))
            .put("priority", c.path("priority").asInt(0));
      }
    } else {
      table.putArray("columnDefinitions");
    }
    ArrayNode rows = table.putArray("rows");
    if (listOrObject.has("items")) {
      listOrObject.path("items").forEach(item -> rows.add(row(item, type, columns, now)));
    } else {
      rows.add(row(listOrObject, type, columns, now));
    }
    return table;
  }

  private static List<JsonNode> columns(ApiResource type) {
    if (!type.printerColumns().isEmpty()) {
      return type.printerColumns();
    }
    List<JsonNode> columns = new ArrayList<>();
    columns.add(AGE);
    return columns;
  }

  private static ObjectNode row(JsonNode object, ApiResource type, List<JsonNode> columns, Instant now) {
    ObjectNode row = NODES.objectNode();
    ArrayNode cells = row.putArray("cells");
    cells.add(object.path("metadata").path("name").asText());
    for (JsonNode c : columns) {
      JsonNode value = PrinterColumnPath.read(object, c.path("jsonPath").asText());
      if (value.isMissingNode() || value.isNull()) {
        cells.addNull();
      } else if ("date".equals(c.path("type").asText())) {
        cells.add(HumanAge.since(value.asText(), now));
      } else if (value.isValueNode()) {
        cells.add(value);
      } else {
        cells.add(value.toString());
      }
    }
    row.set("object", object);
    return row;
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    if (from.hasNonNull(field)) {
      to.put(field, from.get(field).asText());
    }
  }
}
