package dev.wfrun.core.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;

/**
 * A run's execution namespace, the ServiceAccount its pods run as, and a Role
 * ({@code <sa>-role}) with the rules an engine's pods need, bound to it ({@code <sa>-role-binding}),
 * as upstream names them. Created once and never updated (objects that exist are left as they are).
 */
public final class RunServiceAccount {
  private RunServiceAccount() {}

  public static void ensure(OwnedObjects objects, String namespace, String serviceAccount, List<PolicyRule> rules) {
    objects.createIfAbsent(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build());
    objects.createIfAbsent(new ServiceAccountBuilder().withNewMetadata().withName(serviceAccount)
        .withNamespace(namespace).endMetadata().build());
    objects.createIfAbsent(new RoleBuilder().withNewMetadata().withName(serviceAccount + "-role")
        .withNamespace(namespace).endMetadata().withRules(rules).build());
    objects.createIfAbsent(new RoleBindingBuilder().withNewMetadata().withName(serviceAccount + "-role-binding")
        .withNamespace(namespace).endMetadata()
        .addNewSubject().withKind("ServiceAccount").withName(serviceAccount).withNamespace(namespace).endSubject()
        .withNewRoleRef().withKind("Role").withName(serviceAccount + "-role")
        .withApiGroup("rbac.authorization.k8s.io").endRoleRef()
        .build());
  }
}
