package dev.wfrun.core.kube;

import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.core.naming.NameRules;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Objects;

/**
 * A run's objects in a build plane, by their ownership labels ({@code openchoreo.dev/workflowrun},
 * {@code openchoreo.dev/workflowrun-namespace}): creates, adopts, updates and deletes only what
 * belongs to the run, whatever the kind. Engine-neutral; engines use it for their run objects.
 */
public final class OwnedObjects {
  private final KubernetesClient plane;

  public OwnedObjects(KubernetesClient plane) {
    this.plane = plane;
  }

  /** Creates the object unless one of its name exists (which is left as it is). */
  public void createIfAbsent(HasMetadata object) {
    try {
      plane.resource(object).create();
    } catch (KubernetesClientException e) {
      if (!Conflicts.isAlreadyExists(e)) {
        throw e;
      }
    }
  }

  /**
   * Creates the object, or updates one that this run created before (full replace at its
   * resourceVersion). A same-named object that belongs to another run, or to nobody wfrun knows,
   * is never touched: {@link ForeignObjectException}.
   */
  public ResourceReference apply(Map<String, Object> rendered, String runNamespace, String runName) {
    GenericKubernetesResource object = GenericObjects.of(rendered);
    NameRules.requireObjectName(object.getKind() + " metadata.name", object.getMetadata().getName());
    var inNamespace = resources(object).inNamespace(namespace(object));
    Conflicts.retry(() -> {
      GenericKubernetesResource live = inNamespace.withName(object.getMetadata().getName()).get();
      if (live == null) {
        return inNamespace.resource(object).create();
      }
      requireOwnedBy(live, runNamespace, runName);
      object.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
      return inNamespace.resource(object).update();
    });
    return reference(object);
  }

  /** Whether the object carries the ownership labels of this run. */
  public static boolean ownedBy(HasMetadata object, String runNamespace, String runName) {
    Map<String, String> labels = object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    return runName.equals(labels.get(OpenChoreo.LABEL_WORKFLOWRUN))
        && runNamespace.equals(labels.get(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE));
  }

  private static void requireOwnedBy(HasMetadata live, String runNamespace, String runName) {
    if (!ownedBy(live, runNamespace, runName)) {
      throw new ForeignObjectException(live.getKind() + " " + live.getMetadata().getNamespace() + "/"
          + live.getMetadata().getName() + " already exists in the build plane and does not belong to WorkflowRun "
          + runNamespace + "/" + runName);
    }
  }

  /**
   * Creates the object. One that already exists and carries this run's ownership labels is
   * adopted as it is (a retried dispatch); one that belongs to something else is refused.
   */
  public ResourceReference createOrAdopt(Map<String, Object> rendered, String runNamespace, String runName) {
    GenericKubernetesResource object = GenericObjects.of(rendered);
    NameRules.requireObjectName(object.getKind() + " metadata.name", object.getMetadata().getName());
    var inNamespace = resources(object).inNamespace(namespace(object));
    Resource<GenericKubernetesResource> resource = inNamespace.withName(object.getMetadata().getName());
    GenericKubernetesResource live = resource.get();
    if (live == null) {
      try {
        inNamespace.resource(object).create();
        return reference(object);
      } catch (KubernetesClientException e) {
        if (!Conflicts.isAlreadyExists(e)) {
          throw e;
        }
        live = resource.get();
      }
    }
    requireOwnedBy(live, runNamespace, runName);
    return reference(live);
  }

  /**
   * Deletes the object if it exists in the run's execution namespace and carries this run's
   * ownership labels; anything else (another namespace, another run's object, a cluster-scoped
   * kind, a name the API would refuse) is left alone. True when something was deleted.
   */
  public boolean deleteOwned(ResourceReference ref, String executionNamespace, String runNamespace, String runName) {
    if (ref == null || ref.name() == null || ref.kind() == null || ref.apiVersion() == null
        || !executionNamespace.equals(ref.namespace())
        || NameRules.objectNameProblem(ref.name()).isPresent()
        || !ref.kind().matches("[A-Za-z][A-Za-z0-9]{0,62}")
        || !ref.apiVersion().matches("([a-z0-9.-]{1,253}/)?v[0-9a-z]{1,20}")) {
      return false;
    }
    var resource = resources(ref.apiVersion(), ref.kind()).inNamespace(executionNamespace).withName(ref.name());
    GenericKubernetesResource live = resource.get();
    if (live == null || !ownedBy(live, runNamespace, runName)) {
      return false;
    }
    return !resource.lockResourceVersion(live.getMetadata().getResourceVersion()).delete().isEmpty();
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources(GenericKubernetesResource object) {
    return resources(object.getApiVersion(), object.getKind());
  }

  /**
   * Generic access by apiVersion and kind with the conventional plural, so that kinds the build
   * plane serves through CRDs (engine run objects, ExternalSecrets) need no discovery round trip.
   */
  public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
        .withGroup(group).withVersion(version).withKind(kind)
        .withPlural(Pluralize.toPlural(kind.toLowerCase())).withNamespaced(true).build();
    return plane.genericKubernetesResources(context);
  }

  private static String namespace(GenericKubernetesResource object) {
    return Objects.requireNonNull(object.getMetadata().getNamespace(), "rendered objects always have a namespace");
  }

  public static ResourceReference reference(HasMetadata object) {
    return new ResourceReference(object.getApiVersion(), object.getKind(), object.getMetadata().getName(),
        object.getMetadata().getNamespace());
  }
}
