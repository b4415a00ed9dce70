package dev.wfrun.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.core.template.CelEnvironment;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The openchoreo.dev CRDs shipped in the {@code crds} module, by kind. */
public final class CrdCatalog {
  /** The CRD manifests, as packaged on the classpath under {@code crds/}. */
  public static final List<String> FILES = List.of(
      "openchoreo.dev_workflows.yaml",
      "openchoreo.dev_clusterworkflows.yaml",
      "openchoreo.dev_workflowruns.yaml",
      "openchoreo.dev_workflowplanes.yaml",
      "openchoreo.dev_clusterworkflowplanes.yaml",
      "openchoreo.dev_components.yaml",
      "openchoreo.dev_componenttypes.yaml",
      "openchoreo.dev_clustercomponenttypes.yaml",
      "openchoreo.dev_workloads.yaml",
      "openchoreo.dev_secretreferences.yaml");

  private static final CrdCatalog DEFAULT = load();

  private final Map<String, CrdSchema> byKind;
  private final List<JsonNode> definitions;

  private CrdCatalog(Map<String, CrdSchema> byKind, List<JsonNode> definitions) {
    this.byKind = byKind;
    this.definitions = definitions;
  }

  public static CrdCatalog standard() {
    return DEFAULT;
  }

  public Optional<CrdSchema> forKind(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** The CustomResourceDefinition objects themselves (to install into an API server). */
  public List<JsonNode> definitions() {
    return Collections.unmodifiableList(definitions);
  }

  private static CrdCatalog load() {
    CelEnvironment cel = new CelEnvironment();
    Map<String, CrdSchema> byKind = new LinkedHashMap<>();
    List<JsonNode> definitions = new ArrayList<>();
    for (String file : FILES) {
      for (Manifest crd : ManifestReader.parse(file, resource(file))) {
        JsonNode spec = crd.node().get("spec");
        String kind = spec.path("names").path("kind").asText();
        JsonNode version = spec.path("versions").get(0);
        if (!spec.path("group").asText().equals(OpenChoreo.GROUP) || version == null) {
          throw new IllegalStateException(file + ": not an openchoreo.dev CRD");
        }
        boolean namespaced = "Namespaced".equals(spec.path("scope").asText());
        byKind.put(kind, new CrdSchema(kind, namespaced, version.path("schema").path("openAPIV3Schema"), cel));
        definitions.add(crd.node());
      }
    }
    return new CrdCatalog(byKind, definitions);
  }

  private static String resource(String file) {
    try (InputStream in = CrdCatalog.class.getResourceAsStream("/crds/" + file)) {
      if (in == null) {
        throw new IllegalStateException("CRD " + file + " is missing from the classpath (crds module)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
