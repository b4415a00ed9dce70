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

/** A deployable run as a child JVM, its output in a log file, ready when its health check says so. */
final class ChildProcess implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final String name;
  private final Process process;
  private final Path log;
  private final int port;
  private final ChildArchive archive;
  private volatile boolean served;

  private ChildProcess(String name, Process process, Path log, int port, ChildArchive archive) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
    this.archive = archive;
  }

  /** @param cdsDir where the child's class-data archive is recorded and kept ({@link ChildArchive}) */
  static ChildProcess start(String name, Path jar, int port, Map<String, String> env, Path logDir, Path cdsDir) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a quick start over peak speed: C1 only, the serial collector, class-data sharing
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    try {
      ChildArchive archive = ChildArchive.of(name, jar, cdsDir);
      command.addAll(archive.jvmFlags());
      command.add("-Dquarkus.http.port=" + port);
      command.add("-Dquarkus.http.host=127.0.0.1");
      command.add("-jar");
      command.add(jar.toString());
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).directory(jar.getParent().toFile());
      builder.environment().putAll(env);
      return new ChildProcess(name, builder.start(), log, port, archive);
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

  /** Sends SIGTERM without waiting. */
  void stop() {
    process.destroy();
  }

  @Override
  public void close() {
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
    archive.settle(onItsOwn && served);
  }
}
