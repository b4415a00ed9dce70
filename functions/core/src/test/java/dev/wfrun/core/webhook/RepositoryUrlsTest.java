package dev.wfrun.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepositoryUrlsTest {

  @Test
  void everyCommonFormOfARepositoryIsTheSame() {
    for (String url : List.of("https://github.com/OpenChoreo/sample-workloads", "https://github.com/openchoreo/sample-workloads.git",
        "git@github.com:openchoreo/sample-workloads.git", "ssh://git@github.com/openchoreo/sample-workloads.git",
        "git+ssh://git@github.com/openchoreo/sample-workloads", "http://github.com/openchoreo/sample-workloads/",
        "https://GitHub.com/openchoreo/sample-workloads.git/")) {
      assertThat(RepositoryUrls.normalize(url)).as(url).isEqualTo("https://github.com/openchoreo/sample-workloads");
    }
    assertThat(RepositoryUrls.normalize("https://github.com/org/repo"))
        .isNotEqualTo(RepositoryUrls.normalize("https://github.com/org/repo2"));
  }

  @Test
  void theProviderComesFromTheHost() {
    assertThat(GitProviders.ofRepository("https://bitbucket.org/my-org/github.com-sync")).contains(GitProviders.BITBUCKET);
    assertThat(GitProviders.ofRepository("git@gitlab.com:g/p.git")).contains(GitProviders.GITLAB);
    assertThat(GitProviders.ofRepository("https://git.example.com/g/p")).isEmpty();
  }

  @Test
  void appPathsMatchOnSegmentBoundariesAndDotMeansEverything() {
    assertThat(AppPaths.touches("/service-go-greeter", List.of("service-go-greeter/main.go"))).isTrue();
    assertThat(AppPaths.touches("service-go-greeter/", List.of("/service-go-greeter"))).isTrue();
    assertThat(AppPaths.touches("svc", List.of("svc2/main.go"))).isFalse();
    assertThat(AppPaths.touches(".", List.of("README.md"))).isTrue();
    assertThat(AppPaths.touches("/", List.of("README.md"))).isTrue();
    assertThat(AppPaths.touches("", List.of("a"))).isTrue();
    assertThat(AppPaths.touches("./svc", List.of("svc/a.go"))).isTrue();
  }
}
