package dev.wfrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.yaml.ManifestWriter;
import java.util.List;

/** How objects are printed: {@code -o yaml} (kubectl style, the default) or {@code -o json}. */
enum OutputFormat {
  YAML,
  JSON;

  String write(List<JsonNode> documents) {
    return this == YAML ? ManifestWriter.yaml(documents) : ManifestWriter.json(documents);
  }
}
