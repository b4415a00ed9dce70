package dev.wfrun.core.testing;

import dev.wfrun.apiserver.Identity;
import dev.wfrun.apiserver.StrictApiServer;
import dev.wfrun.core.validation.CrdCatalog;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.util.Map;
import java.util.Set;

/**
 * API servers for tests: the project's strict embedded API (the fabric8 CRUD mock behind
 * authentication, RBAC and a real server's limits), reached through the real fabric8 client. The
 * control plane has wfrun's CRDs installed (so status is written only through /status) and the
 * ServiceAccounts, roles and bindings of {@code knative/}; a build plane has those of
 * {@code knative/build-plane/}. {@link #client()} is an administrator, for seeding and checking;
 * wfrun's steps talk through {@link #clientAs} as the ServiceAccount their manifest gives them.
 */
public final class ApiServers implements AutoCloseable {
  /** The namespace of wfrun's ServiceAccounts. */
  public static final String SYSTEM = "wfrun-system";
  /** wfrun's identity inside a separate build plane. */
  public static final String BUILD_PLANE_ACCOUNT = "wfrun-build-plane";

  private final StrictApiServer server;

  private ApiServers(StrictApiServer server, boolean controlPlane) {
    this.server = server;
    if (controlPlane) {
      CrdCatalog.standard().definitions().forEach(crd -> server.admin().apiextensions().v1()
          .customResourceDefinitions().resource(Serialization.unmarshal(crd.toString(), CustomResourceDefinition.class))
          .create());
      server.applyRbac(Repo.root().resolve("knative"));
    } else {
      server.applyRbac(Repo.root().resolve("knative/build-plane"));
    }
  }

  public static ApiServers controlPlane() {
    return new ApiServers(StrictApiServer.start(), true);
  }

  /** A control plane whose store is {@code store} (behind the same strict front). */
  public static ApiServers controlPlane(Dispatcher store) {
    return new ApiServers(StrictApiServer.over(store), true);
  }

  /**
   * A control plane that also knows these callers (for TokenReview) and grants them these
   * permissions through Roles and RoleBindings (for SubjectAccessReview). Plain types only, so
   * Quarkus test resources can call it across class loaders.
   *
   * @param users token → user name ({@code system:serviceaccount:<ns>:<name>} for ServiceAccounts)
   * @param grants from {@link #grant}
   */
  public static ApiServers controlPlaneReviewing(Map<String, String> users, Set<String> grants) {
    ApiServers servers = controlPlane();
    users.forEach((token, user) -> servers.server.acceptToken(token, identity(user)));
    int i = 0;
    for (String grant : grants) {
      String[] g = grant.split(" ");
      String[] groupResource = g[2].split("/", 2);
      String name = "test-grant-" + i++;
      KubernetesClient admin = servers.client();
      if (CLUSTER_WIDE.equals(g[3])) {
        admin.rbac().clusterRoles().resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder()
            .withNewMetadata().withName(name).endMetadata().withRules(new PolicyRuleBuilder()
                .withApiGroups(groupResource[0]).withResources(groupResource[1]).withVerbs(g[1]).build()).build())
            .create();
        admin.rbac().clusterRoleBindings().resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder()
            .withNewMetadata().withName(name).endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name)
            .addNewSubject().withKind("User").withName(g[0]).endSubject().build()).create();
        continue;
      }
      admin.rbac().roles().inNamespace(g[3]).resource(new RoleBuilder().withNewMetadata().withName(name)
          .withNamespace(g[3]).endMetadata().withRules(new PolicyRuleBuilder().withApiGroups(groupResource[0])
              .withResources(groupResource[1]).withVerbs(g[1]).build()).build()).create();
      admin.rbac().roleBindings().inNamespace(g[3]).resource(new RoleBindingBuilder().withNewMetadata()
          .withName(name).withNamespace(g[3]).endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
          .addNewSubject().withKind("User").withName(g[0]).endSubject().build()).create();
    }
    return servers;
  }

  private static Identity identity(String user) {
    String prefix = "system:serviceaccount:";
    if (user.startsWith(prefix)) {
      String[] parts = user.substring(prefix.length()).split(":", 2);
      return Identity.serviceAccount(parts[0], parts[1]);
    }
    return Identity.user(user);
  }

  /** A grant's namespace for a cluster-wide grant (a ClusterRole and its binding). */
  public static final String CLUSTER_WIDE = "*";

  /**
   * The user may {@code verb} {@code groupResource} (e.g. {@code openchoreo.dev/workloads}) in the
   * namespace, or everywhere with {@link #CLUSTER_WIDE}.
   */
  public static String grant(String user, String verb, String groupResource, String namespace) {
    return user + " " + verb + " " + groupResource + " " + namespace;
  }

  public static ApiServers buildPlane() {
    return new ApiServers(StrictApiServer.start(), false);
  }

  /** An administrator's client (seeding and checking, as a platform engineer's kubectl). */
  public KubernetesClient client() {
    return server.admin();
  }

  /** A client of wfrun's ServiceAccount {@code name} (in {@value #SYSTEM}). */
  public KubernetesClient clientAs(String serviceAccount) {
    return server.clientAs(SYSTEM, serviceAccount);
  }

  /** The token of wfrun's ServiceAccount {@code name}. */
  public String tokenFor(String serviceAccount) {
    return server.tokenFor(SYSTEM, serviceAccount);
  }

  public StrictApiServer server() {
    return server;
  }

  /** The server's base URL. */
  public String url() {
    return server.url();
  }

  /** A kubeconfig that reaches this server as wfrun's build-plane identity ({@value #BUILD_PLANE_ACCOUNT}). */
  public String kubeconfig() {
    return server.kubeconfig(tokenFor(BUILD_PLANE_ACCOUNT));
  }

  @Override
  public void close() {
    server.close();
  }
}
