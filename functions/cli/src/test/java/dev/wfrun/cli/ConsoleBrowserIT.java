package dev.wfrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wfrun.core.testing.Kubectl;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium, headless, driven by its chromedriver) against
 * {@code wfrun dev}: a signed push's run appears and advances without a reload, a run's page follows its log, Cancel
 * and Re-run work, the Workflow form shows a bad value's error beside its field and creates nothing,
 * a good one (typed and sent by keyboard alone) creates the run, a Workflow's recent runs update live,
 * and a hostile value is shown as text. Screenshots go to {@code target/screenshots/} (the README's are in
 * {@code docs/console/}).
 */
class ConsoleBrowserIT {
  private static final Path LAUNCHER = Path.of("target/wfrun").toAbsolutePath();
  private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  @TempDir Path dir;

  private static ChromeDriver browser(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1280,900");
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build(), options);
  }

  private static void screenshot(WebDriver driver, String name) throws IOException {
    Path docs = Path.of("target/screenshots").toAbsolutePath(); // docs/console/ keeps chosen ones
    Files.createDirectories(docs);
    Files.write(docs.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  /** Starts wfrun dev with its webhook gateway on {@code port}; returns it and the console's URL once its line is printed. */
  private static Process startDev(int port, Path kubeconfig, List<String> seen, String[] console) throws Exception {
    Process process = new ProcessBuilder(LAUNCHER.toString(), "dev", "--port", String.valueOf(port),
        "--kubeconfig", kubeconfig.toString(), "--step-seconds", "1").directory(REPO.toFile())
        .redirectErrorStream(true).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        r.lines().forEach(lines::add);
      } catch (IOException ignored) {
        // ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        if (line.startsWith("run API ") && line.contains(" console ")) {
          console[0] = line.substring(line.indexOf(" console ") + " console ".length()).trim();
          return process;
        }
      }
    }
    process.destroy();
    throw new AssertionError("no console line; output: " + seen);
  }

  @Test
  void aDeveloperWatchesBuildsCancelsReRunsAndRunsAWorkflowFromItsForm() throws Exception {
    Assumptions.assumeTrue(CHROMEDRIVER.canExecute() && new File("/usr/bin/chromium").canExecute(),
        "Debian's chromium and chromium-driver (.ci/run installs them)");
    Path kubeconfig = dir.resolve("kubeconfig");
    List<String> seen = new ArrayList<>();
    String[] console = new String[1];
    int port = dev.wfrun.dev.Ports.free();
    Process dev = startDev(port, kubeconfig, seen, console);
    ChromeDriver driver = null;
    try {
      Kubectl kubectl = new Kubectl(kubeconfig, dir.resolve("cache"));
      String config = "--kubeconfig=" + kubeconfig;
      driver = browser(dir.resolve("chromium"));
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(40));
      // the live refresh replaces elements while a condition reads them: read them again
      wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
      driver.get(console[0] + "?namespace=default");
      assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Runs");

      // a signed push to the webhook gateway: its build appears on the open page, without a reload,
      // and advances to Succeeded
      push(port);
      String run = kubectl.ok("get", "workflowruns", "-n", "default", "-l", "openchoreo.dev/component=greeter-service",
          "-o", "jsonpath={.items[0].metadata.name}").trim();
      assertThat(run).as("the push's run").startsWith("greeter-service-run-");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(run)));
      wait.until(d -> d.findElement(By.id("runs-body")).getText().contains("Succeeded"));
      screenshot(driver, "runs");

      // its page: the timeline, the conditions, the log
      driver.findElement(By.linkText(run)).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.timeline")));
      assertThat(driver.findElement(By.id("logs")).getText()).contains("checkout-source: started (simulated");
      assertThat(driver.findElement(By.id("workload")).getText()).as("the Workload the build produced")
          .contains("greeter-service-workload", "registry.openchoreo-system.svc:5000/");
      screenshot(driver, "run");

      // a second run, whose step takes a minute: its log is followed live, then it is cancelled and re-run
      Path slow = dir.resolve("slow.yaml");
      Files.writeString(slow, """
          apiVersion: openchoreo.dev/v1alpha1
          kind: Workflow
          metadata: {name: slow, namespace: default}
          spec:
            runTemplate:
              apiVersion: argoproj.io/v1alpha1
              kind: Workflow
              metadata:
                name: "${metadata.workflowRunName}"
                namespace: "openchoreo-ci-${metadata.namespaceName}"
                annotations: {wfrun.dev/simulated-step-seconds: "60"}
              spec:
                serviceAccountName: workflow-sa
                entrypoint: main
                templates:
                - {name: main, steps: [[{name: work, template: work}]]}
                - {name: work, container: {image: alpine}}
          """);
      kubectl.ok("apply", "-f", slow.toString());
      String started = cli("run", "slow", config);
      String slowRun = started.substring("workflowrun default/".length(),
          started.indexOf(' ', "workflowrun default/".length()));
      driver.get(console[0].replace("/console", "/console/runs/default/" + slowRun));
      wait.until(d -> d.findElement(By.id("logs")).getText().contains("work: started (simulated"));
      driver.findElement(By.xpath("//button[text()='Cancel']")).click();
      wait.until(d -> d.findElement(By.tagName("body")).getText().contains("WorkflowCancelled"));
      driver.findElement(By.xpath("//button[text()='Re-run']")).click();
      wait.until(d -> d.getCurrentUrl().contains("/console/runs/default/" + slowRun + "-rerun-"));
      assertThat(driver.findElement(By.tagName("body")).getText()).contains("re-run of " + slowRun);

      // the Workflow form: a bad value is refused beside its field, nothing is created; a good one runs
      int before = kubectl.ok("get", "workflowruns", "-n", "default", "-o", "name").split("\n").length;
      driver.get(console[0].replace("/console", "/console/workflows/default/docker"));
      driver.findElement(By.id("p.repository.url")).sendKeys("ftp://example.com/<script>alert(1)</script>");
      driver.findElement(By.xpath("//button[text()='Run']")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("p.repository.url-error")));
      assertThat(driver.findElement(By.id("p.repository.url")).getAttribute("value"))
          .as("the hostile value is kept as text").isEqualTo("ftp://example.com/<script>alert(1)</script>");
      assertThat(driver.findElements(By.xpath("//script[contains(., 'alert')]"))).isEmpty();
      driver.executeScript("document.getElementById('p.repository.url').scrollIntoView({block: 'center'});");
      screenshot(driver, "workflow-form");
      assertThat(kubectl.ok("get", "workflowruns", "-n", "default", "-o", "name").split("\n")).hasSize(before);
      // the good value by keyboard alone: Tab reaches the field (its focus is visible) and the button
      tabTo(driver, "p.repository.url");
      assertThat(driver.switchTo().activeElement().getCssValue("outline-style")).as("focus is visible").isNotEqualTo("none");
      driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE,
          "https://github.com/myorg/hello-world");
      tabTo(driver, "run-submit");
      driver.switchTo().activeElement().sendKeys(Keys.ENTER);
      wait.until(d -> d.getCurrentUrl().contains("/console/runs/default/docker-run-"));
      String formRun = driver.getCurrentUrl().replaceAll(".*/console/runs/default/([^?]+).*", "$1");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String phase = "";
      while (System.nanoTime() < deadline && !phase.equals("Succeeded")) {
        phase = kubectl.ok("get", "workflowrun", formRun, "-n", "default", "-o", "jsonpath={.status.phase}").trim();
        Thread.sleep(250);
      }
      assertThat(phase).as("the form's run %s", formRun).isEqualTo("Succeeded");
      try {
        wait.until(d -> d.findElement(By.id("run-phase")).getText().contains("Succeeded"));
      } catch (org.openqa.selenium.TimeoutException e) {
        throw new AssertionError("the open page did not turn Succeeded; it shows: "
            + driver.findElement(By.tagName("body")).getText(), e);
      }

      // a Workflow's page lists its recent runs and shows a new one without a reload
      driver.get(console[0].replace("/console", "/console/workflows/default/slow"));
      assertThat(driver.findElement(By.id("recent")).getText()).contains(slowRun);
      String another = cli("run", "slow", config);
      String anotherRun = another.substring("workflowrun default/".length(),
          another.indexOf(' ', "workflowrun default/".length()));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(anotherRun)));
      cli("cancel", anotherRun, config);

      // the planes: the build plane behind the agent, connected
      driver.get(console[0].replace("/console", "/console/planes?namespace=default"));
      assertThat(driver.findElement(By.tagName("body")).getText()).contains("ClusterWorkflowPlane/default", "1 connected");
      screenshot(driver, "planes");

      // at a phone's width the runs table becomes cards: nothing wider than the screen
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
      driver.get(console[0] + "?namespace=default");
      Object overflow = driver.executeScript(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(((Number) overflow).intValue()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
      screenshot(driver, "runs-phone");
    } finally {
      if (driver != null) {
        driver.quit();
      }
      new ProcessBuilder("kill", "-TERM", String.valueOf(dev.pid())).start().waitFor();
      assertThat(dev.waitFor(30, TimeUnit.SECONDS)).as("wfrun dev stopped; output %s", seen).isTrue();
    }
  }

  /** Sends the sample GitHub push, signed as GitHub would with wfrun dev's secret, to the webhook gateway. */
  private static void push(int port) throws Exception {
    Path payload = REPO.resolve("samples/webhooks/github-push.json");
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/v1alpha1/autobuild")).POST(HttpRequest.BodyPublishers.ofFile(payload))
        .header("Content-Type", "application/json");
    for (String header : cli("sign", "--secret", "wfrun-dev-github-secret", payload.toString()).split("\n")) {
      int colon = header.indexOf(": ");
      request.header(header.substring(0, colon), header.substring(colon + 2).trim());
    }
    HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("\"triggeredBuilds\":1");
  }

  /** Presses Tab until the element with this id has the focus, as a keyboard user would. */
  private static void tabTo(ChromeDriver driver, String id) {
    for (int press = 0; press < 80; press++) {
      if (id.equals(driver.switchTo().activeElement().getAttribute("id"))) {
        return;
      }
      new org.openqa.selenium.interactions.Actions(driver).sendKeys(Keys.TAB).perform();
    }
    throw new AssertionError("Tab never reached #" + id + "; focus is on "
        + driver.switchTo().activeElement().getAttribute("outerHTML"));
  }

  private static String cli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("wfrun %s: %s", String.join(" ", args), out).isZero();
    return out;
  }
}
