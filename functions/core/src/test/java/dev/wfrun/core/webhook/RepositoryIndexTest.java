package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.testing.FixedLookups;
import dev.wfrun.core.testing.Repo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Components indexed by repository: what a delivery looks at, and when the index is rebuilt. */
class RepositoryIndexTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "gh-secret";
  private static final String COMMIT = "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6";

  private final ResolvedWorkflow docker = ResolvedWorkflow.of(
      Fixtures.as(Repo.sample("docker-build/workflow-docker.yaml").node(), Workflow.class));

  private static Component component(String name, String url) {
    return component(name, url, spec -> {});
  }

  private static Component component(String name, String url, java.util.function.Consumer<ObjectNode> editSpec) {
    ObjectNode node = (ObjectNode) Repo.sample("component/component-greeter-service.yaml").node().deepCopy();
    node.with("metadata").put("name", name);
    ObjectNode spec = node.with("spec");
    spec.with("workflow").with("parameters").with("repository").put("url", url);
    editSpec.accept(spec);
    return Fixtures.as(node, Component.class);
  }

  private static byte[] pushTo(String cloneUrl) throws Exception {
    return JSON.writeValueAsBytes(Map.of("ref", "refs/heads/main", "after", COMMIT,
        "repository", Map.of("clone_url", cloneUrl), "head_commit", Map.of("message", "change"),
        "pusher", Map.of("name", "dev"),
        "commits", List.of(Map.of("added", List.of(), "modified", List.of("service-go-greeter/main.go"),
            "removed", List.of()))));
  }

  private static AutoBuildResult deliver(AutoBuild autoBuild, byte[] body) {
    return autoBuild.handle(GitProviders.GITHUB, new WebhookHeaders(Map.of("X-GitHub-Event", "push",
        "X-GitHub-Delivery", "d-" + body.length, "X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(SECRET,
            body))), body);
  }

  @Test
  void everyFormOfARepositoryURLFindsItsComponentsInLookupOrder() {
    RepositoryIndex index = RepositoryIndex.of(new FixedLookups(List.of(
        component("a", "git@github.com:acme/shop.git"), component("b", "https://github.com/other/repo"),
        component("c", "https://GitHub.com/acme/shop/")), Map.of("docker", docker), Map.of()));

    assertThat(index.repositories()).isEqualTo(2);
    assertThat(index.of(RepositoryUrls.normalize("ssh://git@github.com/acme/shop")))
        .extracting(e -> e.component().getMetadata().getName()).containsExactly("a", "c");
    assertThat(index.of(RepositoryUrls.normalize("https://github.com/acme/unknown"))).isEmpty();
    assertThat(index.of("")).isEmpty();
  }

  @Test
  void componentsThatCannotBuildAreNotIndexed() {
    Component off = component("off", "https://github.com/acme/shop", spec -> spec.put("autoBuild", false));
    Component lost = component("lost", "https://github.com/acme/shop",
        spec -> spec.with("workflow").put("name", "missing"));
    Component ownerless = component("ownerless", "https://github.com/acme/shop", spec -> spec.remove("owner"));
    RepositoryIndex index = RepositoryIndex.of(new FixedLookups(List.of(off, lost, ownerless, component("empty", "")),
        Map.of("docker", docker), Map.of()));

    assertThat(index.repositories()).isZero();
  }

  @Test
  void theBranchDefaultComesFromTheWorkflowSchemaWhenTheComponentSetsNone() {
    Component noBranch = component("a", "https://github.com/acme/shop",
        spec -> spec.with("workflow").with("parameters").with("repository").with("revision").remove("branch"));
    RepositoryIndex index = RepositoryIndex.of(FixedLookups.of(noBranch, "docker", docker));

    assertThat(index.of("https://github.com/acme/shop")).singleElement()
        .satisfies(e -> assertThat(e.branch()).isEqualTo("main"));
  }

  /** Lookups that count how often the Components are listed, with a version the test moves. */
  private static class CountingLookups implements AutoBuildLookups {
    final List<Component> components = new ArrayList<>();
    final AtomicInteger listed = new AtomicInteger();
    final Map<String, ResolvedWorkflow> workflows;
    long version;

    CountingLookups(Map<String, ResolvedWorkflow> workflows) {
      this.workflows = workflows;
    }

    @Override
    public List<Component> components() {
      listed.incrementAndGet();
      return List.copyOf(components);
    }

    @Override
    public Optional<ResolvedWorkflow> workflow(String namespace, String name) {
      return Optional.ofNullable(workflows.get(name));
    }

    @Override
    public Optional<ResolvedWorkflow> clusterWorkflow(String name) {
      return Optional.empty();
    }

    @Override
    public long version() {
      return version;
    }
  }

  @Test
  void theIndexIsReusedUntilTheLookupsChange() throws Exception {
    CountingLookups lookups = new CountingLookups(Map.of("docker", docker));
    lookups.components.add(component("a", "https://github.com/acme/shop"));
    AutoBuild autoBuild = new AutoBuild(p -> List.of(SECRET), lookups, Set.of());

    assertThat(deliver(autoBuild, pushTo("https://github.com/acme/shop.git")).runs()).hasSize(1);
    assertThat(deliver(autoBuild, pushTo("https://github.com/acme/shop")).runs()).hasSize(1);
    assertThat(lookups.listed).as("one index for both deliveries").hasValue(1);

    lookups.components.add(component("b", "https://github.com/acme/shop"));
    lookups.version++;
    assertThat(deliver(autoBuild, pushTo("git@github.com:acme/shop.git")).runs())
        .extracting(r -> r.getMetadata().getLabels().get("openchoreo.dev/component")).containsExactly("a", "b");
    assertThat(lookups.listed).hasValue(2);
  }

  @Test
  void lookupsWithoutAVersionAreIndexedForEveryDelivery() throws Exception {
    CountingLookups lookups = new CountingLookups(Map.of("docker", docker)) {
      @Override
      public long version() {
        return -1;
      }
    };
    lookups.components.add(component("a", "https://github.com/acme/shop"));
    AutoBuild autoBuild = new AutoBuild(p -> List.of(SECRET), lookups, Set.of());

    deliver(autoBuild, pushTo("https://github.com/acme/shop"));
    lookups.components.add(component("b", "https://github.com/acme/shop"));
    assertThat(deliver(autoBuild, pushTo("https://github.com/acme/shop.git")).runs()).hasSize(2);
    assertThat(lookups.listed).hasValue(2);
  }
}
