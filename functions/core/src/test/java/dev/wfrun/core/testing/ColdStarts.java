package dev.wfrun.core.testing;

import dev.wfrun.core.runtime.Jdk25;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a scale-from-zero start costs the request that caused it, for a packaged Quarkus app: the app
 * is started from its {@code quarkus-app} directory, its first request is sent the moment the port
 * accepts, and the time from {@code java} to the answer is recorded with the RSS after it. Modes are
 * JDK 17 with the app's AppCDS archive and, when a JDK 25 and the trained {@code app.aot} exist,
 * JDK 25 with the AOT cache; the caller alternates them so both see the same machine.
 */
public final class ColdStarts {
  /** A JVM and its flags. */
  public record Mode(String name, String java, List<String> flags) {}

  /** The first request: throws unless its answer is the one expected. */
  @FunctionalInterface
  public interface FirstRequest {
    void send(int port) throws Exception;
  }

  /**
   * One start: seconds to the port accepting and to the answer, and the RSS (KiB) after it, with its
   * anonymous part (the process's own memory; the rest is mapped files such as the jars and the
   * cache, which instances on one node share through the page cache).
   */
  public record Sample(double accepted, double answered, long rssKib, long anonymousKib) {}

  private ColdStarts() {}

  /** JDK 17 + AppCDS, and JDK 25 + AOT cache when both exist (else one line says why not). */
  public static List<Mode> modes(Path app, List<String> jvmFlags) {
    List<Mode> modes = new ArrayList<>();
    List<String> cds = new ArrayList<>(List.of("-XX:SharedArchiveFile=app-cds.jsa"));
    cds.addAll(jvmFlags);
    modes.add(new Mode("JDK 17 + AppCDS", Path.of(System.getProperty("java.home"), "bin/java").toString(), cds));
    Optional<Path> jdk25 = Jdk25.find();
    if (jdk25.isPresent() && Files.isRegularFile(app.resolve("app.aot"))) {
      List<String> aot = new ArrayList<>(List.of("-XX:AOTCache=app.aot"));
      aot.addAll(jvmFlags);
      modes.add(new Mode("JDK 25 + AOT cache", jdk25.get().resolve("bin/java").toString(), aot));
    } else {
      System.out.println("no JDK 25 or no app.aot: JDK 17 only");
    }
    return modes;
  }

  /** A free loopback port. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code quarkus-run.jar} in {@code app} with the mode's flags, then {@code
   * WFRUN_COLD_START_FLAGS} (e.g. a profiler), then {@code appArgs}; sends the first request once
   * {@code port} accepts; stops the app.
   */
  public static Sample once(Path app, Mode mode, int port, List<String> appArgs, FirstRequest request)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(mode.java()));
    command.addAll(mode.flags());
    String extra = System.getenv("WFRUN_COLD_START_FLAGS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(appArgs);
    command.addAll(List.of("-jar", "quarkus-run.jar"));
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      while (!accepts(port)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(mode.name() + ": the app exited");
        }
        Thread.sleep(2);
      }
      double accepted = (System.nanoTime() - started) / 1e9;
      request.send(port);
      double answered = (System.nanoTime() - started) / 1e9;
      return new Sample(accepted, answered, status(process.pid(), "VmRSS:"), status(process.pid(), "RssAnon:"));
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  /** One line per mode: min/median/max to the answer, median to the port accepting, median RSS. */
  public static void report(String answer, List<Mode> modes, List<List<Sample>> samples) {
    for (int m = 0; m < modes.size(); m++) {
      List<Double> answered = new ArrayList<>(samples.get(m).stream().map(Sample::answered).toList());
      List<Double> accepted = new ArrayList<>(samples.get(m).stream().map(Sample::accepted).toList());
      List<Long> rss = new ArrayList<>(samples.get(m).stream().map(Sample::rssKib).toList());
      List<Long> anonymous = new ArrayList<>(samples.get(m).stream().map(Sample::anonymousKib).toList());
      Collections.sort(answered);
      Collections.sort(accepted);
      Collections.sort(rss);
      Collections.sort(anonymous);
      int n = answered.size();
      System.out.printf("%-25s start to %s: min %.3f s, median %.3f s, max %.3f s; port accepting at median %.3f s;"
          + " RSS after it: median %d MB, %d MB of it anonymous (%d starts)%n", modes.get(m).name(), answer,
          answered.get(0), answered.get(n / 2), answered.get(n - 1), accepted.get(n / 2), rss.get(n / 2) / 1024,
          anonymous.get(n / 2) / 1024, n);
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 50);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A KiB figure of {@code /proc/<pid>/status}, e.g. {@code VmRSS:}. */
  private static long status(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }
}
