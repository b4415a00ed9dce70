package dev.wfrun.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StrictApiServerTest {
  private StrictApiServer api;
  private KubernetesClient admin;

  @BeforeEach
  void start() {
    api = StrictApiServer.start();
    admin = api.admin();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
        .create();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private void grantCluster(String sa, PolicyRuleBuilder... rules) {
    admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(sa).endMetadata()
        .withRules(java.util.Arrays.stream(rules).map(PolicyRuleBuilder::build).toList()).build()).create();
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(sa)
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", sa)
        .addNewSubject().withKind("ServiceAccount").withName(sa).withNamespace("system").endSubject().build()).create();
  }

  private static PolicyRuleBuilder rule(String group, String resource, String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs);
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("team-a").endMetadata()
        .withData(Map.of("k", "v")).build();
  }

  @Test
  void listsArePagedWithLimitAndContinueAsARealServerPagesThem() {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("paging").endMetadata().build())
        .create();
    for (String name : new String[] {"page-c", "page-a", "page-b"}) {
      admin.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("paging")
          .endMetadata().build()).create();
    }
    var first = admin.configMaps().inNamespace("paging")
        .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(2L).build());
    assertThat(first.getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("page-a", "page-b");
    assertThat(first.getMetadata().getContinue()).isNotEmpty();
    assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(1L);
    var second = admin.configMaps().inNamespace("paging")
        .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(2L)
            .withContinue(first.getMetadata().getContinue()).build());
    assertThat(second.getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("page-c");
    assertThat(second.getMetadata().getContinue()).isNullOrEmpty();
    assertThatThrownBy(() -> admin.configMaps().inNamespace("paging").list(
        new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(2L).withContinue("forged").build()))
        .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(400));
  }

  @Test
  void refusesRequestsWithoutAValidToken() throws Exception {
    HttpResponse<String> none = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(api.url() + "/api/v1/namespaces")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(401);
    KubernetesClient stranger = api.clientWithToken("not-a-token");
    assertThatThrownBy(() -> stranger.configMaps().inNamespace("team-a").list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
  }

  @Test
  void serviceAccountMayDoOnlyTheVerbsItsClusterRoleGrants() {
    grantCluster("cleaner", rule("", "configmaps", "list", "delete"));
    admin.configMaps().resource(configMap("one")).create();
    KubernetesClient cleaner = api.clientAs("system", "cleaner");
    assertThat(cleaner.configMaps().inNamespace("team-a").list().getItems()).hasSize(1);
    cleaner.configMaps().inNamespace("team-a").withName("one").delete();
    admin.configMaps().resource(configMap("two")).create();
    assertThatThrownBy(() -> cleaner.configMaps().inNamespace("team-a").withLabel("x", "y").delete())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getStatus().getMessage()).contains("system:serviceaccount:system:cleaner")
              .contains("cannot deletecollection resource \"configmaps\"").contains("namespace \"team-a\"");
        });
    assertThatThrownBy(() -> cleaner.configMaps().inNamespace("team-a").withName("two").get())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  @Test
  void roleBindingGrantsOnlyInItsOwnNamespace() {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata().build())
        .create();
    admin.rbac().roles().inNamespace("team-a").resource(new RoleBuilder().withNewMetadata().withName("reader")
        .endMetadata().withRules(rule("", "configmaps", "get").build()).build()).create();
    admin.rbac().roleBindings().inNamespace("team-a").resource(new RoleBindingBuilder().withNewMetadata()
        .withName("reader").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "reader")
        .addNewSubject().withKind("ServiceAccount").withName("reader").withNamespace("team-a").endSubject().build())
        .create();
    admin.configMaps().resource(configMap("cfg")).create();
    admin.configMaps().resource(new ConfigMapBuilder(configMap("cfg")).editMetadata().withNamespace("team-b")
        .endMetadata().build()).create();
    KubernetesClient reader = api.clientAs("team-a", "reader");
    assertThat(reader.configMaps().inNamespace("team-a").withName("cfg").get()).isNotNull();
    assertThatThrownBy(() -> reader.configMaps().inNamespace("team-b").withName("cfg").get())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  @Test
  void resourceNamesLimitGetsAndFieldSelectedLists() {
    grantCluster("secret-reader", new PolicyRuleBuilder().withApiGroups("").withResources("secrets")
        .withResourceNames("allowed").withVerbs("get", "list"));
    for (String name : new String[] {"allowed", "other"}) {
      admin.secrets().resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace("team-a")
          .endMetadata().build()).create();
    }
    KubernetesClient client = api.clientAs("system", "secret-reader");
    Secret allowed = client.secrets().inNamespace("team-a").withName("allowed").get();
    assertThat(allowed).isNotNull();
    assertThat(client.secrets().inNamespace("team-a").withField("metadata.name", "allowed").list().getItems())
        .hasSize(1);
    assertThatThrownBy(() -> client.secrets().inNamespace("team-a").withName("other").get())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThatThrownBy(() -> client.secrets().inNamespace("team-a").list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  @Test
  void statusSubresourceNeedsItsOwnRule() {
    grantCluster("ns-writer", rule("", "namespaces", "get", "update"));
    KubernetesClient client = api.clientAs("system", "ns-writer");
    var ns = client.namespaces().withName("team-a").get();
    assertThatThrownBy(() -> client.namespaces().resource(ns).updateStatus())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getStatus().getMessage()).contains("namespaces/status");
        });
  }

  @Test
  void watchNeedsTheWatchVerb() {
    grantCluster("lister", rule("", "configmaps", "list"));
    KubernetesClient client = api.clientAs("system", "lister");
    assertThatThrownBy(() -> client.configMaps().inNamespace("team-a").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {}

      @Override
      public void onClose(WatcherException cause) {}
    })).isInstanceOf(KubernetesClientException.class);
  }

  @Test
  void nobodyGrantsWhatTheyDoNotHold() {
    grantCluster("granter", rule("rbac.authorization.k8s.io", "roles", "create"),
        rule("rbac.authorization.k8s.io", "rolebindings", "create"), rule("", "configmaps", "get"));
    KubernetesClient client = api.clientAs("system", "granter");
    client.rbac().roles().inNamespace("team-a").resource(new RoleBuilder().withNewMetadata().withName("held")
        .endMetadata().withRules(rule("", "configmaps", "get").build()).build()).create();
    assertThatThrownBy(() -> client.rbac().roles().inNamespace("team-a").resource(new RoleBuilder()
        .withNewMetadata().withName("escalating").endMetadata()
        .withRules(rule("", "secrets", "get").build()).build()).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getStatus().getMessage()).contains("attempting to grant RBAC permissions not currently held")
              .contains("secrets");
        });
    admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("secrets-admin")
        .endMetadata().withRules(rule("", "secrets", "*").build()).build()).create();
    assertThatThrownBy(() -> client.rbac().roleBindings().inNamespace("team-a").resource(new RoleBindingBuilder()
        .withNewMetadata().withName("bind-secrets").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "secrets-admin")
        .addNewSubject().withKind("ServiceAccount").withName("x").withNamespace("team-a").endSubject().build())
        .create()).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    client.rbac().roleBindings().inNamespace("team-a").resource(new RoleBindingBuilder().withNewMetadata()
        .withName("bind-held").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "held")
        .addNewSubject().withKind("ServiceAccount").withName("x").withNamespace("team-a").endSubject().build())
        .create();
    admin.configMaps().resource(configMap("cfg")).create();
    assertThat(api.clientAs("team-a", "x").configMaps().inNamespace("team-a").withName("cfg").get()).isNotNull();
  }

  @Test
  void refusesInvalidNamesWithCauses() {
    assertThatThrownBy(() -> admin.configMaps().resource(configMap("Not_Valid")).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(e.getStatus().getDetails().getCauses()).singleElement()
              .satisfies(c -> assertThat(c.getField()).isEqualTo("metadata.name"));
        });
    String longLabel = "a".repeat(64);
    assertThatThrownBy(() -> admin.namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName(longLabel).endMetadata().build()).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    assertThat(admin.configMaps().resource(configMap("a." + "b".repeat(200))).create()).isNotNull();
  }

  @Test
  void refusesLongLabelValuesAndHugeAnnotations() {
    ConfigMap labelled = new ConfigMapBuilder(configMap("labelled")).editMetadata()
        .withLabels(Map.of("run", "x".repeat(64))).endMetadata().build();
    assertThatThrownBy(() -> admin.configMaps().resource(labelled).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getDetails().getCauses().get(0).getField()).isEqualTo("metadata.labels");
        });
    ConfigMap annotated = new ConfigMapBuilder(configMap("annotated")).editMetadata()
        .withAnnotations(Map.of("big", "x".repeat(300 * 1024))).endMetadata().build();
    assertThatThrownBy(() -> admin.configMaps().resource(annotated).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
  }

  @Test
  void refusesLabelsSetByPatch() {
    admin.configMaps().resource(configMap("cfg")).create();
    assertThatThrownBy(() -> admin.configMaps().inNamespace("team-a").withName("cfg")
        .edit(c -> new ConfigMapBuilder(c).editMetadata().addToLabels("bad label", "v").endMetadata().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
  }

  @Test
  void refusesOversizedBodiesAndObjects() {
    ConfigMap huge = new ConfigMapBuilder(configMap("huge")).withData(Map.of("k", "x".repeat(4 * 1024 * 1024)))
        .build();
    assertThatThrownBy(() -> admin.configMaps().resource(huge).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(413));
    ConfigMap big = new ConfigMapBuilder(configMap("big")).withData(Map.of("k", "x".repeat(2 * 1024 * 1024)))
        .build();
    assertThatThrownBy(() -> admin.configMaps().resource(big).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(413);
          assertThat(e.getMessage()).contains("request is too large");
        });
    assertThat(admin.configMaps().inNamespace("team-a").withName("big").get()).isNull();
  }

  @Test
  void refusesTraversalNulAndEncodedSlashesInPaths() throws Exception {
    for (String path : new String[] {"/api/v1/namespaces/team-a/configmaps/..", "/api/v1/namespaces/team-a/configmaps/a%2Fb",
        "/api/v1/namespaces/team-a/configmaps/a%00", "/api/v1/namespaces/%2e%2e/configmaps/x"}) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url() + path))
          .header("Authorization", "Bearer " + api.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.body()).contains("\"kind\":\"Status\"");
    }
  }

  @Test
  void refusesAnObjectWhoseNamespaceDiffersFromThePath() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(api.url() + "/api/v1/namespaces/team-a/configmaps"))
        .header("Authorization", "Bearer " + api.adminToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"team-b\"}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("does not match the namespace");
  }

  @Test
  void generatesNamesAsARealServer() {
    ConfigMap generated = admin.configMaps().resource(new ConfigMapBuilder().withNewMetadata()
        .withGenerateName("run-").withNamespace("team-a").endMetadata().build()).create();
    assertThat(generated.getMetadata().getName()).matches("run-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThatThrownBy(() -> admin.configMaps().resource(new ConfigMapBuilder().withNewMetadata()
        .withNamespace("team-a").endMetadata().build()).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
  }

  @Test
  void storesASecretsStringDataAsBase64DataAsARealServer() {
    admin.secrets().resource(new SecretBuilder().withNewMetadata().withName("ca").withNamespace("team-a").endMetadata()
        .addToData("old", "b2xk").addToData("ca.crt", "c3RhbGU=").addToStringData("ca.crt", "PEM").build()).create();
    Secret stored = admin.secrets().inNamespace("team-a").withName("ca").get();
    assertThat(stored.getStringData()).isNullOrEmpty();
    assertThat(stored.getData()).containsEntry("old", "b2xk").containsEntry("ca.crt", "UEVN");
    admin.secrets().resource(new SecretBuilder(stored).withStringData(java.util.Map.of("ca.crt", "NEW")).build())
        .update();
    assertThat(admin.secrets().inNamespace("team-a").withName("ca").get().getData()).containsEntry("ca.crt", "TkVX");
  }

  @Test
  void answersTokenAndAccessReviewsFromTheSameTokensAndRbac() {
    grantCluster("reviewer", rule("authentication.k8s.io", "tokenreviews", "create"),
        rule("authorization.k8s.io", "subjectaccessreviews", "create"));
    grantCluster("builder", rule("openchoreo.dev", "workloads", "create"));
    String builderToken = api.tokenFor("system", "builder");
    KubernetesClient reviewer = api.clientAs("system", "reviewer");
    var review = reviewer.resource(new io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder()
        .withNewSpec().withToken(builderToken).endSpec().build()).create();
    assertThat(review.getStatus().getAuthenticated()).isTrue();
    assertThat(review.getStatus().getUser().getUsername()).isEqualTo("system:serviceaccount:system:builder");
    var access = reviewer.resource(new io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder()
        .withNewSpec().withUser(review.getStatus().getUser().getUsername())
        .withGroups(review.getStatus().getUser().getGroups())
        .withNewResourceAttributes().withVerb("create").withGroup("openchoreo.dev").withResource("workloads")
        .withNamespace("team-a").endResourceAttributes().endSpec().build()).create();
    assertThat(access.getStatus().getAllowed()).isTrue();
    assertThatThrownBy(() -> api.clientAs("system", "builder").resource(
        new io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder().withNewSpec().withToken("x")
            .endSpec().build()).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  @Test
  void conflictsAnswer409WithARealStatus() {
    admin.configMaps().resource(configMap("cfg")).create();
    assertThatThrownBy(() -> admin.configMaps().resource(configMap("cfg")).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
          assertThat(e.getStatus().getMessage()).contains("\"cfg\" already exists");
        });
    ConfigMap stale = admin.configMaps().inNamespace("team-a").withName("cfg").get();
    admin.configMaps().inNamespace("team-a").withName("cfg").edit(c -> {
      c.getData().put("k", "changed");
      return c;
    });
    stale.getData().put("k", "lost update");
    assertThatThrownBy(() -> admin.configMaps().resource(stale).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
        });
  }
}
