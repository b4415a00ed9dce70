package dev.wfrun.dev.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.testing.Repo;
import dev.wfrun.dev.Kubeconfig;
import dev.wfrun.core.testing.Kubectl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the embedded API: discovery, Tables, apply, validation, watch, wait, delete. */
class EmbeddedApiServerKubectlTest {
  @TempDir static Path dir;
  static EmbeddedApiServer api;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    api = EmbeddedApiServer.start(0, Clock.systemUTC());
    api.installCrds();
    Kubeconfig.write(dir.resolve("kubeconfig"), api.url(), api.adminToken(), api.tls().authorityData());
    kubectl = new Kubectl(dir.resolve("kubeconfig"), dir.resolve("cache"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static String sample(String relative) {
    return Repo.samples().resolve(relative).toString();
  }

  @Test
  void applyCreatesAndGetShowsThePrinterColumns() {
    kubectl.ok("apply", "-f", sample("docker-build/workflow-docker.yaml"));
    kubectl.ok("apply", "-f", sample("docker-build/workflowrun-simple-run.yaml"));

    String table = kubectl.ok("get", "workflowruns");

    assertThat(table.lines().findFirst().orElseThrow())
        .containsSubsequence("NAME", "WORKFLOW", "COMPONENT", "STATUS", "REASON", "STARTED", "COMPLETED", "AGE")
        .doesNotContain("MESSAGE");
    assertThat(table).containsPattern("simple-run\\s+docker\\s");
    assertThat(kubectl.ok("get", "workflowruns", "-o", "wide").lines().findFirst().orElseThrow())
        .as("the why of a waiting run, with -o wide").containsSubsequence("REASON", "MESSAGE");
  }

  @Test
  void applyTwiceUpdatesWithAMergePatch() {
    kubectl.ok("apply", "-f", sample("github-stats-report/workflow.yaml"));
    String second = kubectl.ok("apply", "-f", sample("github-stats-report/workflow.yaml"));
    assertThat(second).contains("unchanged");
    kubectl.ok("label", "workflow", "github-stats-report", "team=platform");
    assertThat(kubectl.ok("get", "workflows", "-L", "team")).containsPattern("github-stats-report.*platform");
  }

  @Test
  void anInvalidObjectIsRefusedNamingTheField() throws Exception {
    Path bad = dir.resolve("bad-run.yaml");
    java.nio.file.Files.writeString(bad, """
        apiVersion: openchoreo.dev/v1alpha1
        kind: WorkflowRun
        metadata: {name: bad-run, namespace: default}
        spec:
          workflow: {parameters: {}}
        """);
    Kubectl.Result result = kubectl.run("apply", "-f", bad.toString());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("WorkflowRun.openchoreo.dev \"bad-run\" is invalid").contains("spec.workflow.name");
    assertThat(kubectl.run("get", "workflowrun", "bad-run").exitCode()).isNotZero();
  }

  /** The output lines of a running kubectl, as they come. */
  private static BlockingQueue<String> linesOf(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        r.lines().forEach(lines::add);
      } catch (java.io.IOException ignored) {
        // the process was stopped
      }
    });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  @Test
  void watchStreamsChangesAndWaitSeesThem() throws Exception {
    // kubectl's generators (create namespace/configmap) send protobuf, which the mock cannot read: use files
    Path namespace = dir.resolve("ns.yaml");
    java.nio.file.Files.writeString(namespace, "apiVersion: v1\nkind: Namespace\nmetadata: {name: watched}\n");
    kubectl.ok("apply", "-f", namespace.toString());
    Path marker = dir.resolve("marker.yaml");
    java.nio.file.Files.writeString(marker,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: zero, namespace: watched}\ndata: {a: b}\n");
    kubectl.ok("apply", "-f", marker.toString());
    Process watch = kubectl.start("get", "configmaps", "-n", "watched", "-w", "--output-watch-events");
    BlockingQueue<String> lines = linesOf(watch);
    try {
      // kubectl lists first, then watches from that list: once the existing object is shown, the watch is open
      awaitLine(lines, "zero");
      Path configMap = dir.resolve("cm.yaml");
      java.nio.file.Files.writeString(configMap,
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one, namespace: watched}\ndata: {a: b}\n");
      kubectl.ok("apply", "-f", configMap.toString());
      String line;
      boolean added = false;
      while ((line = lines.poll(15, TimeUnit.SECONDS)) != null) {
        if (line.contains("ADDED") && line.contains("one")) {
          added = true;
          break;
        }
      }
      assertThat(added).as("watch saw ADDED one; lines %s", lines).isTrue();
    } finally {
      watch.destroy();
    }
    kubectl.ok("label", "configmap", "one", "-n", "watched", "ready=yes");
    String waited = kubectl.ok("wait", "configmap/one", "-n", "watched", "--for=jsonpath={.metadata.labels.ready}=yes",
        "--timeout=20s");
    assertThat(waited).contains("condition met");
  }

  @Test
  void watchingWorkflowRunsShowsLiveRowsWithThePrinterColumns() throws Exception {
    kubectl.ok("apply", "-f", sample("docker-build/workflow-docker.yaml"));
    kubectl.ok("apply", "-f", sample("docker-build/workflowrun-simple-run.yaml"));
    Process watch = kubectl.start("get", "workflowruns", "-n", "default", "-w");
    BlockingQueue<String> lines = linesOf(watch);
    try {
      awaitLine(lines, "simple-run"); // the existing run is listed: the watch is open
      kubectl.ok("apply", "-f", sample("docker-build/workflowrun-docker-build-run-01.yaml"));
      String row = null;
      for (String line = lines.poll(15, TimeUnit.SECONDS); line != null; line = lines.poll(15, TimeUnit.SECONDS)) {
        if (line.startsWith("docker-build-run-01")) {
          row = line;
          break;
        }
      }
      assertThat(row).as("a live row for the new run").isNotNull().containsPattern("docker-build-run-01\\s+docker\\s");
    } finally {
      watch.destroy();
    }
  }

  @Test
  void logsFollowStreamsLinesAsTheContainerWritesThemAndEndsWhenItTerminates() throws Exception {
    Path pod = dir.resolve("pod.yaml");
    java.nio.file.Files.writeString(pod, """
        apiVersion: v1
        kind: Pod
        metadata: {name: builder, namespace: default}
        spec: {containers: [{name: main, image: alpine}]}
        """);
    kubectl.ok("apply", "-f", pod.toString());
    api.podLogs().append("default", "builder", "main", java.time.Instant.now(), "step 1");
    Process follow = kubectl.start("logs", "-f", "builder", "-c", "main", "-n", "default");
    BlockingQueue<String> lines = linesOf(follow);
    try {
      awaitLine(lines, "step 1");
      assertThat(follow.isAlive()).as("still following").isTrue();
      api.podLogs().append("default", "builder", "main", java.time.Instant.now(), "step 2");
      awaitLine(lines, "step 2");
      api.podLogs().finish("default", "builder", "main");
      assertThat(follow.waitFor(15, TimeUnit.SECONDS)).as("the follow ends when the container terminates").isTrue();
      assertThat(follow.exitValue()).isZero();
    } finally {
      follow.destroy();
    }
    assertThat(kubectl.run("logs", "-f", "nobody", "-n", "default").err()).contains("not found");
  }

  /** Until a line containing {@code text} has come (15 s at most). */
  private static void awaitLine(BlockingQueue<String> lines, String text) throws InterruptedException {
    java.util.List<String> seen = new java.util.ArrayList<>();
    for (String line = lines.poll(15, TimeUnit.SECONDS); line != null; line = lines.poll(15, TimeUnit.SECONDS)) {
      seen.add(line);
      if (line.contains(text)) {
        return;
      }
    }
    throw new AssertionError("no line with \"" + text + "\"; lines " + seen);
  }

  @Test
  void describeAndDeleteWork() {
    kubectl.ok("apply", "-f", sample("platform/clusterworkflowplane-default.yaml"));
    assertThat(kubectl.ok("describe", "clusterworkflowplane", "default")).contains("Name:", "default");
    assertThat(kubectl.ok("delete", "clusterworkflowplane", "default")).contains("deleted");
    assertThat(kubectl.run("get", "clusterworkflowplane", "default").err()).contains("NotFound");
  }

  @Test
  void apiResourcesListsWfrunAndArgoKinds() {
    String resources = kubectl.ok("api-resources");
    assertThat(resources).contains("workflowruns", "openchoreo.dev/v1alpha1", "workflows", "argoproj.io/v1alpha1",
        "clusterworkflowtemplates");
  }

  @Test
  void aTenantsKubectlMayDoOnlyWhatItsRbacAllows() throws Exception {
    Path tenantConfig = dir.resolve("tenant-kubeconfig");
    Kubeconfig.write(tenantConfig, api.url(), api.tokenFor("tenant-without-roles"), api.tls().authorityData());
    Kubectl tenant = new Kubectl(tenantConfig, dir.resolve("tenant-cache"));
    Kubectl.Result list = tenant.run("get", "workflowruns", "-n", "default");
    assertThat(list.exitCode()).isNotZero();
    assertThat(list.err()).contains("forbidden").contains("system:serviceaccount:wfrun-system:tenant-without-roles");
    Kubectl.Result watch = tenant.run("get", "workflowruns", "-n", "default", "--watch-only", "--request-timeout=5s");
    assertThat(watch.exitCode()).isNotZero();
    assertThat(watch.err()).contains("forbidden");
  }
}
