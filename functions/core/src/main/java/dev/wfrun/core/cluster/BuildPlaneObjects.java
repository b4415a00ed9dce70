package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.ResourceReference;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.util.Map;
import java.util.Objects;

/** Creates, adopts and deletes a run's objects in a build plane. */
final class BuildPlaneObjects {
  private final KubernetesClient plane;

  BuildPlaneObjects(KubernetesClient plane) {
    this.plane = plane;
  }

  /** Namespace, ServiceAccount, Role and RoleBinding the Argo Workflow runs with (never updated). */
  void ensurePrerequisites(String namespace, String serviceAccount) {
    createIfAbsent(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build());
    createIfAbsent(new ServiceAccountBuilder().withNewMetadata().withName(serviceAccount).withNamespace(namespace)
        .endMetadata().build());
    createIfAbsent(new RoleBuilder().withNewMetadata().withName(serviceAccount + "-role").withNamespace(namespace)
        .endMetadata()
        .withRules(new PolicyRuleBuilder().withApiGroups("argoproj.io").withResources("workflowtaskresults")
            .withVerbs("create", "patch").build())
        .build());
    createIfAbsent(new RoleBindingBuilder().withNewMetadata().withName(serviceAccount + "-role-binding")
        .withNamespace(namespace).endMetadata()
        .addNewSubject().withKind("ServiceAccount").withName(serviceAccount).withNamespace(namespace).endSubject()
        .withNewRoleRef().withKind("Role").withName(serviceAccount + "-role")
        .withApiGroup("rbac.authorization.k8s.io").endRoleRef()
        .build());
  }

  private void createIfAbsent(HasMetadata object) {
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
  ResourceReference apply(Map<String, Object> rendered, String runNamespace, String runName) {
    GenericKubernetesResource object = GenericObjects.of(rendered);
    dev.wfrun.core.naming.NameRules.requireObjectName(object.getKind() + " metadata.name",
        object.getMetadata().getName());
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
  static boolean ownedBy(HasMetadata object, String runNamespace, String runName) {
    Map<String, String> labels = object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    return runName.equals(labels.get(OpenChoreo.LABEL_WORKFLOWRUN))
        && runNamespace.equals(labels.get(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE));
  }

  private static void requireOwnedBy(GenericKubernetesResource live, String runNamespace, String runName) {
    if (!ownedBy(live, runNamespace, runName)) {
      throw new ForeignObjectException(live.getKind() + " " + live.getMetadata().getNamespace() + "/"
          + live.getMetadata().getName() + " already exists in the build plane and does not belong to WorkflowRun "
          + runNamespace + "/" + runName);
    }
  }

  /**
   * Creates the run object. One that already exists and carries this run's ownership labels is
   * adopted as it is (a retried dispatch); one that belongs to something else is refused.
   */
  ResourceReference createOrAdopt(Map<String, Object> rendered, String runNamespace, String runName) {
    GenericKubernetesResource object = GenericObjects.of(rendered);
    dev.wfrun.core.naming.NameRules.requireObjectName(object.getKind() + " metadata.name",
        object.getMetadata().getName());
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
  boolean deleteOwned(ResourceReference ref, String executionNamespace, String runNamespace, String runName) {
    if (ref == null || ref.name() == null || ref.kind() == null || ref.apiVersion() == null
        || !executionNamespace.equals(ref.namespace())
        || dev.wfrun.core.naming.NameRules.objectNameProblem(ref.name()).isPresent()
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

  MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources(GenericKubernetesResource object) {
    return resources(object.getApiVersion(), object.getKind());
  }

  /**
   * Generic access by apiVersion and kind with the conventional plural, so that kinds the build
   * plane serves through CRDs (Argo Workflows, ExternalSecrets) need no discovery round trip.
   */
  MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
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

  static ResourceReference reference(GenericKubernetesResource object) {
    return new ResourceReference(object.getApiVersion(), object.getKind(), object.getMetadata().getName(),
        object.getMetadata().getNamespace());
  }
}
