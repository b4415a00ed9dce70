package dev.wfrun.dev.eventing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.yaml.Manifest;
import dev.wfrun.core.yaml.ManifestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What {@code knative/} declares: the Broker, its Triggers, the ApiServerSources and PingSources. */
public record KnativeManifests(Broker broker, List<Trigger> triggers, List<ApiServerSource> apiServerSources,
    List<PingSource> pingSources, List<String> functionServices, List<String> functionServiceAccounts) {

  /** The Broker's delivery policy. */
  public record Broker(String namespace, String name, int retry, boolean exponential, Duration backoffDelay) {}

  /** A Trigger: exact-match attribute filters and the subscriber (a Knative Service name or a URI). */
  public record Trigger(String name, Map<String, String> filter, String subscriberService, String subscriberUri) {
    boolean matches(LocalEvent event) {
      return filter.entrySet().stream().allMatch(f -> f.getValue().isEmpty() ? event.get(f.getKey()) != null
          : f.getValue().equals(event.get(f.getKey())));
    }
  }

  /** One resource an ApiServerSource watches. */
  /** A resource an ApiServerSource watches; {@code labelsThatExist} are its selector's {@code Exists} expressions. */
  public record WatchedResource(String apiVersion, String kind, Map<String, String> matchLabels,
      List<String> labelsThatExist) {}

  public record ApiServerSource(String name, String mode, List<WatchedResource> resources) {}

  public record PingSource(String name, String namespace, String schedule, String contentType, String data,
      Map<String, String> extensions) {}

  public static KnativeManifests read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("knative manifests: " + dir + " is not a directory");
    }
    List<Manifest> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml"))
          .sorted().forEach(f -> all.addAll(ManifestReader.read(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Broker broker = null;
    List<Trigger> triggers = new ArrayList<>();
    List<ApiServerSource> sources = new ArrayList<>();
    List<PingSource> pings = new ArrayList<>();
    List<String> functions = new ArrayList<>();
    java.util.Set<String> accounts = new java.util.LinkedHashSet<>();
    for (Manifest m : all) {
      JsonNode spec = m.node().path("spec");
      switch (m.kind()) {
        case "Broker" -> {
          JsonNode delivery = spec.path("delivery");
          broker = new Broker(m.namespace(), m.name(), delivery.path("retry").asInt(0),
              "exponential".equals(delivery.path("backoffPolicy").asText("exponential")),
              Duration.parse(delivery.path("backoffDelay").asText("PT0.2S")));
        }
        case "Trigger" -> triggers.add(new Trigger(m.name(), strings(spec.path("filter").path("attributes")),
            spec.path("subscriber").path("ref").path("name").asText(null),
            spec.path("subscriber").path("uri").asText(null)));
        case "ApiServerSource" -> {
          List<WatchedResource> resources = new ArrayList<>();
          for (JsonNode r : spec.path("resources")) {
            List<String> exist = new ArrayList<>();
            for (JsonNode e : r.path("selector").path("matchExpressions")) {
              if (!"Exists".equals(e.path("operator").asText())) {
                throw new IllegalArgumentException("ApiServerSource " + m.name() + ": selector operator "
                    + e.path("operator").asText() + " is not supported here (only Exists)");
              }
              exist.add(e.path("key").asText());
            }
            resources.add(new WatchedResource(r.path("apiVersion").asText(), r.path("kind").asText(),
                strings(r.path("selector").path("matchLabels")), List.copyOf(exist)));
          }
          sources.add(new ApiServerSource(m.name(), spec.path("mode").asText("Reference"), resources));
        }
        case "PingSource" -> pings.add(new PingSource(m.name(), m.namespace(), spec.path("schedule").asText(),
            spec.path("contentType").asText("application/json"), spec.path("data").asText(""),
            strings(spec.path("ceOverrides").path("extensions"))));
        case "Service" -> {
          if (m.apiVersion().startsWith("serving.knative.dev/")) {
            JsonNode container = spec.path("template").path("spec").path("containers").path(0);
            if ("wfrun-functions".equals(container.path("image").asText())) {
              functions.add(m.name());
              accounts.add(spec.path("template").path("spec").path("serviceAccountName").asText());
            }
          }
        }
        default -> { }
      }
    }
    if (broker == null) {
      throw new IllegalArgumentException("knative manifests: " + dir + " declares no Broker");
    }
    return new KnativeManifests(broker, List.copyOf(triggers), List.copyOf(sources), List.copyOf(pings),
        List.copyOf(functions), List.copyOf(accounts));
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.properties().forEach(f -> out.put(f.getKey(), f.getValue().asText()));
    return out;
  }
}
