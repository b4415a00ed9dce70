package dev.wfrun.core.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.testing.ApiServers;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent runs tunnelled requests against its own API server as itself, whoever asked. */
class AgentRouterTest {
  private final ApiServers buildPlane = ApiServers.buildPlane();
  @TempDir Path dir;

  @AfterEach
  void close() {
    buildPlane.close();
  }

  private AgentRouter router(Path tokenFile) {
    return new AgentRouter(URI.create(buildPlane.url() + "/"), () -> {
      try {
        return Files.readString(tokenFile).trim();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, HttpClient.newHttpClient(), Duration.ofSeconds(10));
  }

  private static TunnelFrame.Request get(String path, Map<String, List<String>> headers) {
    return new TunnelFrame.Request("r-1", "gw-1", "k8s", "GET", path, "", headers, new byte[0]);
  }

  @Test
  void runsTheRequestWithTheAgentsOwnTokenAndDropsTheCallers() throws Exception {
    buildPlane.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("openchoreo-ci-default")
        .endMetadata().build()).create();
    Path token = dir.resolve("token");
    Files.writeString(token, buildPlane.tokenFor(ApiServers.BUILD_PLANE_ACCOUNT));
    AgentRouter router = router(token);

    TunnelFrame.Response allowed = router.handle(get("/api/v1/namespaces/openchoreo-ci-default", Map.of()))
        .get(10, TimeUnit.SECONDS);
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(new String(allowed.body(), StandardCharsets.UTF_8)).contains("openchoreo-ci-default");

    // the caller presents an administrator's token: it is dropped, the agent's own identity decides
    TunnelFrame.Response secrets = router.handle(get("/api/v1/namespaces/kube-system/secrets",
        Map.of("Authorization", List.of("Bearer " + buildPlane.server().adminToken())))).get(10, TimeUnit.SECONDS);
    assertThat(secrets.statusCode()).isEqualTo(403);
    assertThat(new String(secrets.body(), StandardCharsets.UTF_8)).contains("system:serviceaccount:wfrun-system:wfrun-build-plane");
  }

  @Test
  void theTokenIsReadAgainForEveryRequestSinceItRotates() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "expired-token");
    AgentRouter router = router(token);
    assertThat(router.handle(get("/api/v1/namespaces/default", Map.of())).get(10, TimeUnit.SECONDS).statusCode())
        .isEqualTo(401);
    Files.writeString(token, buildPlane.tokenFor(ApiServers.BUILD_PLANE_ACCOUNT));
    assertThat(router.handle(get("/api/v1/namespaces/default", Map.of())).get(10, TimeUnit.SECONDS).statusCode())
        .isEqualTo(404);
  }

  @Test
  void unknownTargetsBadPathsAndAnUnreachableBackendAreAnsweredAsUpstreamDoes() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "t");
    AgentRouter router = router(token);
    TunnelFrame.Request logs = new TunnelFrame.Request("r-2", "", "logs", "GET", "/x", "", Map.of(), new byte[0]);
    assertThat(router.handle(logs).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    assertThat(router.handle(get("/api/v1/../../etc", Map.of())).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(400);

    AgentRouter unreachable = new AgentRouter(URI.create("http://127.0.0.1:9/"), () -> "t", HttpClient.newHttpClient(),
        Duration.ofSeconds(5));
    AtomicReference<TunnelFrame.Response> answer = new AtomicReference<>(
        unreachable.handle(get("/api/v1/namespaces", Map.of())).get(10, TimeUnit.SECONDS));
    assertThat(answer.get().statusCode()).isEqualTo(502);
    assertThat(answer.get().error().message()).startsWith("backend request failed");
  }

  @Test
  void headerNamesAreCanonicalAsGoWritesThem() {
    assertThat(AgentRouter.canonical("content-type")).isEqualTo("Content-Type");
    assertThat(AgentRouter.canonical("x-kubernetes-pf-flowschema-uid")).isEqualTo("X-Kubernetes-Pf-Flowschema-Uid");
  }
}
