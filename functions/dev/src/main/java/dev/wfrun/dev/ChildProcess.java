package dev.wfrun.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A deployable run as a child JVM, its output in a log file, ready when its health check says so.
 * Once supervised it is restarted whenever it exits unasked, with a kubelet-like backoff (1 s
 * doubling to 30 s, back to 1 s after 60 s of running), one line printed each time.
 */
final class ChildProcess implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration STABLE = Duration.ofSeconds(60);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final String name;
  private final ProcessBuilder builder;
  private volatile Process process;
  private final Path log;
  private final int port;
  /** Null when the child runs on the AOT cache `mvn package` trained. */
  private final ChildArchive archive;
  private volatile boolean served;
  private volatile boolean stopping;
  private volatile Thread supervisor;
  private final java.util.concurrent.atomic.AtomicInteger restarts = new java.util.concurrent.atomic.AtomicInteger();

  private ChildProcess(String name, ProcessBuilder builder, Process process, Path log, int port, ChildArchive archive) {
    this.name = name;
    this.builder = builder;
    this.process = process;
    this.log = log;
    this.port = port;
    this.archive = archive;
  }

  /** How often it was restarted. */
  int restarts() {
    return restarts.get();
  }

  long pid() {
    return process.pid();
  }

  /**
   * Restarts the child whenever it exits without {@link #stop()}: prints why and when, tells
   * {@code availability} it is down (false) and back and ready (true).
   */
  void supervise(java.io.PrintStream out, java.util.function.Consumer<Boolean> availability) {
    Thread t = new Thread(() -> superviseLoop(out, availability), "wfrun-dev-supervise-" + name);
    t.setDaemon(true);
    supervisor = t;
    t.start();
  }

  private void superviseLoop(java.io.PrintStream out, java.util.function.Consumer<Boolean> availability) {
    Duration backoff = FIRST_BACKOFF;
    while (!stopping) {
      long started = System.nanoTime();
      int code;
      try {
        code = process.waitFor();
      } catch (InterruptedException e) {
        return;
      }
      if (stopping) {
        return;
      }
      if (System.nanoTime() - started > STABLE.toNanos()) {
        backoff = FIRST_BACKOFF;
      }
      availability.accept(false);
      int restart = restarts.incrementAndGet();
      out.printf("%s exited with code %d; restarting in %ds (restart %d); see %s%n", name, code, backoff.toSeconds(),
          restart, log);
      try {
        Thread.sleep(backoff.toMillis());
        if (stopping) {
          return;
        }
        builder.redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!stopping && process.isAlive() && !readyNow() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        if (process.isAlive() && !stopping) {
          out.printf("%s restarted and ready (restart %d)%n", name, restart);
          availability.accept(true);
        }
      } catch (IOException e) {
        out.printf("%s could not be restarted: %s%n", name, e.getMessage());
      } catch (InterruptedException e) {
        return;
      }
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  /** @param cdsDir where the child's class-data archive is recorded and kept ({@link ChildArchive}) */
  static ChildProcess start(String name, Path jar, int port, Map<String, String> env, Path logDir, Path cdsDir) {
    List<String> command = new ArrayList<>();
    // the AOT cache `mvn package` trained beside the jar, on the JDK 25 that made it (the one trained
    // for this child's role, app-<name>.aot, where the jar serves several); else this JVM with the
    // class-data archive wfrun dev records itself
    Path ownAot = jar.resolveSibling("app-" + name + ".aot");
    Path aot = Files.isRegularFile(ownAot) ? ownAot : jar.resolveSibling("app.aot");
    java.util.Optional<Path> jdk25 = Files.isRegularFile(aot) ? dev.wfrun.core.runtime.Jdk25.find()
        : java.util.Optional.empty();
    command.add(jdk25.map(home -> home.resolve("bin/java")).orElse(Path.of(System.getProperty("java.home"), "bin", "java"))
        .toString());
    // a quick start over peak speed: C1 only, the serial collector, class-data sharing
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    try {
      ChildArchive archive = ChildArchive.of(name, jar, cdsDir);
      if (jdk25.isPresent()) {
        command.add("-XX:AOTCache=" + aot);
        archive.dropAll();
        archive = null;
      } else {
        command.addAll(archive.jvmFlags());
      }
      command.add("-Dquarkus.http.port=" + port);
      command.add("-Dquarkus.http.host=127.0.0.1");
      command.add("-jar");
      command.add(jar.toString());
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).directory(jar.getParent().toFile());
      builder.environment().putAll(env);
      return new ChildProcess(name, builder, builder.start(), log, port, archive);
    } catch (IOException e) {
      throw new DevException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return log;
  }

  /** Whether {@code /q/health/ready} answers 200; fails when the process has exited. */
  boolean ready() {
    if (!process.isAlive()) {
      throw new DevException(name + " exited with code " + process.exitValue() + " before it was ready; see " + log);
    }
    return readyNow();
  }

  private boolean readyNow() {
    try {
      HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The child served a whole start (warm-up run included): what it loaded is worth keeping. */
  void served() {
    served = true;
  }

  /** Sends SIGTERM without waiting; the child is not restarted any more. */
  void stop() {
    stopping = true;
    process.destroy();
  }

  @Override
  public void close() {
    stopping = true;
    Thread t = supervisor;
    if (t != null) {
      t.interrupt();
    }
    process.destroy();
    boolean onItsOwn = false;
    try {
      onItsOwn = process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!onItsOwn) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (archive != null) {
      archive.settle(onItsOwn && served);
    }
  }
}
