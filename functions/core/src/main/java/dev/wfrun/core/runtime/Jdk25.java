package dev.wfrun.core.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a JDK 25 or newer is (for ahead-of-time caches, JEP 483/514/515): {@code JAVA25_HOME}, else
 * {@code JAVA_HOME} when it is one, else the newest {@code /usr/lib/jvm/*} that is one. A JDK is
 * read off its {@code release} file ({@code JAVA_VERSION="25.0.3"}); nothing is started to find it.
 */
public final class Jdk25 {
  static final int FEATURE = 25;

  private Jdk25() {}

  public static Optional<Path> find() {
    return find(System.getenv("JAVA25_HOME"), System.getenv("JAVA_HOME"), Path.of("/usr/lib/jvm"));
  }

  static Optional<Path> find(String java25Home, String javaHome, Path jvmDir) {
    for (String candidate : new String[] {java25Home, javaHome}) {
      if (candidate != null && !candidate.isBlank() && feature(Path.of(candidate)) >= FEATURE) {
        return Optional.of(Path.of(candidate));
      }
    }
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(jvmDir)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvmDir)) {
        for (Path dir : dirs) {
          if (feature(dir) >= FEATURE) {
            found.add(dir);
          }
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return found.stream().max(java.util.Comparator.comparingInt(Jdk25::feature).thenComparing(Path::toString));
  }

  /** The feature release of the JDK at {@code home} (25 for 25.0.3), 0 when it is not one. */
  public static int feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return 0;
    }
    Properties p = new Properties();
    try (var in = Files.newInputStream(release)) {
      p.load(in);
    } catch (IOException e) {
      return 0;
    }
    String version = p.getProperty("JAVA_VERSION", "").replace("\"", "");
    try {
      return Integer.parseInt(version.split("[.+-]")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
