package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resource types of the embedded API: the built-in kinds wfrun and kubectl touch, plus every
 * CRD stored in the API (kept by an informer, so a CRD applied with kubectl shows up at once).
 */
public final class ApiCatalog implements AutoCloseable {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
  private static final List<ApiResource> BUILT_IN = List.of(
      builtIn("", "v1", "namespaces", "Namespace", false, "ns"),
      builtIn("", "v1", "secrets", "Secret", true),
      builtIn("", "v1", "configmaps", "ConfigMap", true, "cm"),
      builtIn("", "v1", "serviceaccounts", "ServiceAccount", true, "sa"),
      builtIn("", "v1", "pods", "Pod", true, "po"),
      builtIn("", "v1", "services", "Service", true, "svc"),
      builtIn("", "v1", "events", "Event", true, "ev"),
      builtIn("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
      builtIn("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
      builtIn("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
      builtIn("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
      builtIn("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, "crd", "crds"));

  private final KubernetesClient client;
  private final SharedIndexInformer<CustomResourceDefinition> crds;
  private volatile List<ApiResource> all = BUILT_IN;

  /** Keeps the CRDs of the API in an informer, so requests never list them. */
  public ApiCatalog(KubernetesClient client) {
    this.client = client;
    this.crds = client.apiextensions().v1().customResourceDefinitions().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(CustomResourceDefinition crd) {
        refresh();
      }

      @Override
      public void onUpdate(CustomResourceDefinition oldCrd, CustomResourceDefinition newCrd) {
        refresh();
      }

      @Override
      public void onDelete(CustomResourceDefinition crd, boolean deletedFinalStateUnknown) {
        refresh();
      }
    }, 0);
    refresh();
  }

  private static ApiResource builtIn(String group, String version, String plural, String kind, boolean namespaced,
      String... shortNames) {
    return new ApiResource(group, version, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, namespaced,
        List.of(shortNames), false, List.of());
  }

  /** Every resource type, built-in first. */
  public List<ApiResource> all() {
    return all;
  }

  private void refresh() {
    all = of(crds == null ? List.of() : crds.getStore().list());
  }

  /**
   * A miss may be a CRD created a moment ago that the informer has not seen yet: it is looked up
   * again from the API itself, once.
   */
  private <T> Optional<T> withRecheck(java.util.function.Function<List<ApiResource>, Optional<T>> lookup) {
    Optional<T> found = lookup.apply(all);
    if (found.isPresent()) {
      return found;
    }
    all = of(client.apiextensions().v1().customResourceDefinitions().list().getItems());
    return lookup.apply(all);
  }

  private static List<ApiResource> of(List<CustomResourceDefinition> definitions) {
    List<ApiResource> resources = new ArrayList<>(BUILT_IN);
    for (CustomResourceDefinition crd : definitions) {
      var names = crd.getSpec().getNames();
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        if (Boolean.FALSE.equals(v.getServed())) {
          continue;
        }
        List<JsonNode> columns = v.getAdditionalPrinterColumns() == null ? List.of()
            : v.getAdditionalPrinterColumns().stream().map(c -> SERIALIZATION.convertValue(c, JsonNode.class))
                .toList();
        resources.add(new ApiResource(crd.getSpec().getGroup(), v.getName(), names.getPlural(),
            names.getSingular() == null ? names.getKind().toLowerCase(java.util.Locale.ROOT) : names.getSingular(),
            names.getKind(), "Namespaced".equals(crd.getSpec().getScope()),
            names.getShortNames() == null ? List.of() : names.getShortNames(),
            v.getSubresources() != null && v.getSubresources().getStatus() != null, columns));
      }
    }
    return List.copyOf(resources);
  }

  /** The type of an object's apiVersion and kind. */
  public Optional<ApiResource> forKind(String apiVersion, String kind) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    return withRecheck(all -> all.stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version) && r.kind().equals(kind))
        .findFirst());
  }

  /** The type a request path names. */
  public Optional<ApiResource> find(String group, String version, String plural) {
    return withRecheck(all -> all.stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
        .findFirst());
  }

  @Override
  public void close() {
    crds.close();
  }
}
