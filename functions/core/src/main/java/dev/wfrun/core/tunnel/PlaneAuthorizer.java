package dev.wfrun.core.tunnel;

import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlaneSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which plane CRs an agent's certificate is good for, as upstream's gateway decides: every
 * WorkflowPlane and ClusterWorkflowPlane whose effective planeID ({@code spec.planeID}, else its
 * name) is the one the agent dialled with, and whose {@code spec.clusterAgent.clientCA} (the PEM
 * text in {@code value}, or a Secret's key by {@code secretKeyRef}, its namespace defaulting to the
 * CR's own) verifies the presented chain.
 */
public final class PlaneAuthorizer {
  /** The outcome: the CRs the chain verified against, and why the others did not take it. */
  public record Decision(Set<PlaneKey> authorized, List<String> refusals) {}

  private final KubernetesClient control;

  public PlaneAuthorizer(KubernetesClient control) {
    this.control = control;
  }

  public Decision decide(String planeType, String planeId, List<X509Certificate> chain) {
    Set<PlaneKey> authorized = new LinkedHashSet<>();
    List<String> refusals = new ArrayList<>();
    if (!"workflowplane".equals(planeType)) {
      refusals.add("no " + planeType + " is served by wfrun");
      return new Decision(authorized, refusals);
    }
    List<HasMetadata> planes = new ArrayList<>();
    planes.addAll(control.resources(WorkflowPlane.class).inAnyNamespace().list().getItems());
    planes.addAll(control.resources(ClusterWorkflowPlane.class).list().getItems());
    for (HasMetadata plane : planes) {
      WorkflowPlaneSpec spec = plane instanceof WorkflowPlane w ? w.getSpec() : ((ClusterWorkflowPlane) plane).getSpec();
      String effective = spec == null || spec.planeID() == null || spec.planeID().isEmpty()
          ? plane.getMetadata().getName() : spec.planeID();
      if (!effective.equals(planeId)) {
        continue;
      }
      PlaneKey key = new PlaneKey(plane.getMetadata().getNamespace(), plane.getMetadata().getName());
      try {
        List<X509Certificate> cas = clientCa(plane, spec);
        ClientCertificates.problem(chain, cas).ifPresentOrElse(p -> refusals.add(key + ": " + p),
            () -> authorized.add(key));
      } catch (GeneralSecurityException | IllegalStateException e) {
        refusals.add(key + ": clientCA unusable: " + e.getMessage());
      }
    }
    return new Decision(authorized, refusals);
  }

  private List<X509Certificate> clientCa(HasMetadata plane, WorkflowPlaneSpec spec) throws GeneralSecurityException {
    WorkflowPlaneSpec.ValueFrom ca = spec == null || spec.clusterAgent() == null ? null : spec.clusterAgent().clientCA();
    if (ca == null) {
      throw new IllegalStateException("no spec.clusterAgent.clientCA");
    }
    if (ca.value() != null && !ca.value().isBlank()) {
      return ClientCertificates.parse(ca.value());
    }
    WorkflowPlaneSpec.SecretKeyRef ref = ca.secretKeyRef();
    if (ref == null || ref.name() == null || ref.key() == null) {
      throw new IllegalStateException("clientCA has neither value nor secretKeyRef");
    }
    String namespace = ref.namespace() != null && !ref.namespace().isEmpty() ? ref.namespace()
        : plane.getMetadata().getNamespace();
    if (namespace == null || namespace.isEmpty()) {
      throw new IllegalStateException("clientCA.secretKeyRef of a cluster-scoped plane needs a namespace");
    }
    Secret secret = control.secrets().inNamespace(namespace).withName(ref.name()).get();
    String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(ref.key());
    if (encoded == null) {
      throw new IllegalStateException("Secret " + namespace + "/" + ref.name() + " has no key " + ref.key());
    }
    return ClientCertificates.parse(new String(Base64.getDecoder().decode(encoded), StandardCharsets.US_ASCII));
  }
}
