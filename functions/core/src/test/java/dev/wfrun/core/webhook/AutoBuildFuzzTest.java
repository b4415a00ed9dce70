package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.testing.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * 10,000 deliveries mutated from the real fixtures (truncated, bytes flipped, values retyped, huge
 * strings, unicode, headers dropped, signatures broken): never a 5xx, never an exception, and never
 * a run without a valid signature.
 */
class AutoBuildFuzzTest {
  private static final String SECRET = "fuzz-secret";
  private static final String[] UNICODE = {"\u00e9", "\u4e2d\u6587", "\ud83d\ude80", "\u0000", "\u202e", "\\u0000", "\uFFFF"};

  private final Component component = Fixtures.as(Repo.sample("component/component-greeter-service.yaml").node(),
      Component.class);
  private final ResolvedWorkflow docker = ResolvedWorkflow.of(
      Fixtures.as(Repo.sample("docker-build/workflow-docker.yaml").node(), Workflow.class));
  private final AutoBuild autoBuild = new AutoBuild(p -> List.of(SECRET), new AutoBuildLookups() {
    @Override
    public List<Component> components() {
      return List.of(component);
    }

    @Override
    public Optional<ResolvedWorkflow> workflow(String namespace, String name) {
      return Optional.of(docker);
    }

    @Override
    public Optional<ResolvedWorkflow> clusterWorkflow(String name) {
      return Optional.of(docker);
    }
  }, Set.of());

  private static List<byte[]> seeds() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    Path fixtures = null;
    for (Path p = Path.of("").toAbsolutePath(); p != null && fixtures == null; p = p.getParent()) {
      Path f = p.resolveSibling("shared").resolve("fixtures");
      if (Files.isDirectory(f)) {
        fixtures = f;
      }
    }
    try (Stream<Path> files = Files.walk(fixtures)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".json")).toList()) {
        seeds.add(Files.readAllBytes(f));
      }
    }
    seeds.add(("{\"ref\":\"refs/heads/main\",\"after\":\"9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6\",\"repository\":"
        + "{\"clone_url\":\"https://github.com/openchoreo/sample-workloads.git\"},\"commits\":[{\"modified\":"
        + "[\"service-go-greeter/main.go\"]}]}").getBytes(StandardCharsets.UTF_8));
    return seeds;
  }

  private static byte[] mutate(byte[] seed, Random random) {
    String text = new String(seed, StandardCharsets.UTF_8);
    switch (random.nextInt(7)) {
      case 0 -> text = text.substring(0, random.nextInt(text.length() + 1));
      case 1 -> {
        byte[] bytes = seed.clone();
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
      }
      case 2 -> text = text.replaceFirst("\"[a-z_]+\":\\s*\"[^\"]*\"", "\"ref\":" + List.of("1", "[]", "{}", "null", "true").get(random.nextInt(5)));
      case 3 -> text = text.replaceFirst("\"(clone_url|ref|after|name)\":\\s*\"", "\"$1\":\"" + "x".repeat(100_000));
      case 4 -> text = text.replaceFirst("\"([^\"]{1,20})\"", "\"" + UNICODE[random.nextInt(UNICODE.length)] + "$1\"");
      case 5 -> text = List.of("", "[]", "null", "42", "\"x\"", "{", "{\"ref\":", "[{}]").get(random.nextInt(8));
      default -> text = text.replace("refs/heads/", random.nextBoolean() ? "refs/tags/" : "");
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void tenThousandMutatedDeliveriesNeverFailTheServerOrBuildUnsigned() throws Exception {
    List<byte[]> seeds = seeds();
    Random random = new Random(20261126);
    int signedRuns = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] body = random.nextInt(10) == 0 ? seed : mutate(seed, random);
      Map<String, String> headers = new HashMap<>();
      GitProvider provider = GitProviders.all().get(random.nextInt(GitProviders.all().size()));
      boolean validSignature = random.nextInt(3) > 0;
      String signature = "sha256=" + WebhookSignatures.hmacHex(validSignature ? SECRET : "wrong", body);
      switch (provider.id()) {
        case "github" -> {
          headers.put("X-Hub-Signature-256", random.nextInt(10) == 0 ? "" : signature);
          headers.put("X-GitHub-Event", List.of("push", "ping", "issues", "").get(random.nextInt(4)));
        }
        case "gitlab" -> {
          headers.put("X-Gitlab-Token", validSignature ? SECRET : "wrong");
          headers.put("X-Gitlab-Event", List.of("Push Hook", "Tag Push Hook", "Merge Request Hook").get(random.nextInt(3)));
        }
        case "bitbucket" -> {
          headers.put("X-Event-Key", List.of("repo:push", "pullrequest:created").get(random.nextInt(2)));
          if (random.nextInt(10) > 0) {
            headers.put("X-Hub-Signature", signature);
          }
        }
        default -> { // gitea, forgejo: a bare hex signature
          String prefix = provider.id().equals("gitea") ? "X-Gitea-" : "X-Forgejo-";
          headers.put(prefix + "Event", List.of("push", "issues", "").get(random.nextInt(3)));
          if (random.nextInt(10) > 0) {
            headers.put(prefix + "Signature", signature.substring("sha256=".length()));
          }
        }
      }
      if (random.nextInt(20) == 0) {
        headers.clear();
      }
      AutoBuildResult result = autoBuild.handle(random.nextBoolean() ? provider : null, new WebhookHeaders(headers), body);
      assertThat(result.status()).as("delivery %d", i).isLessThan(500);
      if (!validSignature) {
        assertThat(result.runs()).as("delivery %d was not validly signed", i).isEmpty();
      } else {
        signedRuns += result.runs().size();
      }
    }
    assertThat(signedRuns).as("valid pushes among them still build").isPositive();
  }
}
