package dev.wfrun.dev.eventing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.dev.api.ApiCatalog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ApiServerSources of {@code knative/}: each watched resource becomes an informer on the API,
 * and each add, update and delete an event of the same type, attributes and data Knative sends
 * ({@code dev.knative.apiserver.ref.*} with {@code {apiVersion, kind, namespace, name}} in Reference
 * mode, {@code dev.knative.apiserver.resource.*} with the object in Resource mode; extensions
 * {@code apiversion}, {@code kind}, {@code name}, {@code namespace}).
 */
public final class ApiServerSources implements AutoCloseable {
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();

  public ApiServerSources(List<KnativeManifests.ApiServerSource> sources, KubernetesClient client,
      ApiCatalog catalog, String apiServerUrl, Consumer<LocalEvent> sink) {
    for (KnativeManifests.ApiServerSource source : sources) {
      boolean reference = !"Resource".equalsIgnoreCase(source.mode());
      for (KnativeManifests.WatchedResource watched : source.resources()) {
        ResourceDefinitionContext context = catalog.forKind(watched.apiVersion(), watched.kind())
            .orElseThrow(() -> new IllegalArgumentException("ApiServerSource " + source.name() + ": kind "
                + watched.kind() + " in " + watched.apiVersion() + " is not served by the embedded API"))
            .context();
        var resources = client.genericKubernetesResources(context).inAnyNamespace();
        var selected = watched.matchLabels().isEmpty() ? resources : resources.withLabels(watched.matchLabels());
        for (String key : watched.labelsThatExist()) {
          selected = selected.withLabel(key);
        }
        informers.add(selected.inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource obj) {
            sink.accept(event("add", reference, obj, context, apiServerUrl));
          }

          @Override
          public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            sink.accept(event("update", reference, newObj, context, apiServerUrl));
          }

          @Override
          public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            sink.accept(event("delete", reference, obj, context, apiServerUrl));
          }
        }, 0));
      }
    }
  }

  /** The event an ApiServerSource sends for this change of {@code obj}. */
  public static LocalEvent event(String verb, boolean reference, GenericKubernetesResource obj,
      ResourceDefinitionContext context, String apiServerUrl) {
    String namespace = obj.getMetadata().getNamespace();
    String name = obj.getMetadata().getName();
    Map<String, String> extensions = new LinkedHashMap<>();
    String apiVersion = obj.getApiVersion();
    extensions.put("subject", "/apis/" + apiVersion + (namespace == null ? "" : "/namespaces/" + namespace) + "/"
        + context.getPlural() + "/" + name);
    extensions.put("apiversion", apiVersion);
    extensions.put("kind", obj.getKind());
    extensions.put("name", name);
    if (namespace != null) {
      extensions.put("namespace", namespace);
    }
    byte[] data;
    if (reference) {
      ObjectNode ref = JsonNodeFactory.instance.objectNode().put("apiVersion", apiVersion).put("kind", obj.getKind())
          .put("name", name);
      if (namespace != null) {
        ref.put("namespace", namespace);
      }
      data = ref.toString().getBytes(StandardCharsets.UTF_8);
    } else {
      data = Serialization.asJson(obj).getBytes(StandardCharsets.UTF_8);
    }
    return LocalEvent.json(dev.wfrun.core.events.CloudEventTypes.apiServer(reference, verb), apiServerUrl,
        extensions, data);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
