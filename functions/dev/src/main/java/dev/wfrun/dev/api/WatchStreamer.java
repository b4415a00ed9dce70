package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watches over chunked HTTP, the way kubectl watches ({@code get -w}, {@code wait}): the CRUD mock
 * serves watches only over WebSocket, so this opens a fabric8 watch on the mock and streams its
 * events as JSON lines, as Tables when kubectl asks for them.
 */
final class WatchStreamer {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
  private static final String END = "";
  private final KubernetesClient client;
  private final Clock clock;

  WatchStreamer(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void stream(HttpExchange exchange, ApiResource type, ResourcePath path, QueryString query, boolean asTable)
      throws IOException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    String onlyName = path.name() != null ? path.name() : fieldName(query.get("fieldSelector"));
    boolean[] first = {true};
    Watcher<GenericKubernetesResource> watcher = new Watcher<>() {
      @Override
      public void eventReceived(Action action, GenericKubernetesResource resource) {
        if (onlyName != null && !onlyName.equals(resource.getMetadata().getName())) {
          return;
        }
        JsonNode object = SERIALIZATION.convertValue(resource, JsonNode.class);
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", action.name());
        synchronized (first) {
          event.set("object", asTable ? TableConverter.table(type, object, Instant.now(clock), first[0]) : object);
          first[0] = false;
        }
        lines.add(event.toString());
      }

      @Override
      public void onClose(WatcherException cause) {
        lines.add(END);
      }
    };
    var resources = client.genericKubernetesResources(type.context());
    var scoped = path.namespace() != null ? resources.inNamespace(path.namespace()) : resources.inAnyNamespace();
    String labels = query.get("labelSelector");
    long timeoutSeconds = query.get("timeoutSeconds") == null ? 0 : Long.parseLong(query.get("timeoutSeconds"));
    long deadline = timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : Long.MAX_VALUE;
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    try (Watch watch = labels == null || labels.isEmpty() ? scoped.watch(watcher)
        : scoped.withLabelSelector(labels).watch(watcher);
        OutputStream out = exchange.getResponseBody()) {
      out.flush();
      while (System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line == null) {
          continue;
        }
        if (line.equals(END)) {
          break;
        }
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away: the watch closes with the try
    } finally {
      exchange.close();
    }
  }

  private static String fieldName(String fieldSelector) {
    if (fieldSelector == null) {
      return null;
    }
    for (String term : fieldSelector.split(",")) {
      if (term.startsWith("metadata.name=")) {
        return term.substring("metadata.name=".length());
      }
    }
    return null;
  }
}
