package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.testing.Repo;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The registry is the one list of providers: ids are unique, and the deployment files list the same ones. */
class GitProvidersTest {

  @Test
  void idsAreUniqueAndEachIsFoundByItsId() {
    List<String> ids = GitProviders.all().stream().map(GitProvider::id).toList();
    assertThat(ids).doesNotHaveDuplicates().containsExactly("github", "gitlab", "bitbucket", "gitea", "forgejo");
    GitProviders.all().forEach(p -> assertThat(GitProviders.byId(p.id())).containsSame(p));
    assertThat(GitProviders.byId("gogs")).isEmpty();
  }

  @Test
  void onlyTheHostedServicesClaimRepositoryHosts() {
    assertThat(GitProviders.ofRepository("git@github.com:o/r.git")).contains(GitProviders.GITHUB);
    assertThat(GitProviders.ofRepository("https://gitlab.com/o/r")).contains(GitProviders.GITLAB);
    assertThat(GitProviders.ofRepository("https://bitbucket.org/o/r")).contains(GitProviders.BITBUCKET);
    assertThat(GitProviders.ofRepository("https://git.example.com/o/r")).isEmpty();
  }

  @Test
  void terraformAcceptsTheSecretsOfEveryProviderAndNoOthers() throws Exception {
    List<String> expected = new ArrayList<>();
    GitProviders.all().forEach(p -> expected.add(p.id()));
    GitProviders.all().forEach(p -> expected.add(p.id() + "-previous"));
    for (String module : List.of("terraform/knative/variables.tf", "terraform/aws-lambda/variables.tf")) {
      String tf = Files.readString(Repo.root().resolve(module));
      Matcher list = Pattern.compile("keys\\(var\\.webhook_secrets\\) : contains\\(\\[([^\\]]*)\\]").matcher(tf);
      assertThat(list.find()).as(module).isTrue();
      assertThat(Pattern.compile("\"([^\"]+)\"").matcher(list.group(1)).results().map(m -> m.group(1)).toList())
          .as(module).containsExactlyInAnyOrderElementsOf(expected);
    }
    String lambda = Files.readString(Repo.root().resolve("terraform/aws-lambda/main.tf"));
    GitProviders.all().forEach(p -> assertThat(lambda).contains("POST /api/v1alpha1/autobuild/" + p.id()));
  }
}
