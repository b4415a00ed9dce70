package dev.wfrun.dev;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Class-data sharing for a child JVM, recorded by {@code wfrun dev} itself. Quarkus's
 * {@code app-cds.jsa} holds the classes of start-up only; the first {@code wfrun dev} of a build
 * records every class the child loads while it serves (the warm-up run included) into
 * {@code <dir>/<name>-<stamp>.jsa}, and later runs map them instead of loading and verifying them
 * again. The stamp is the jar's time and size and the JVM's version, so a rebuild or another JVM
 * records anew. A recording is kept only from a child that served a whole start and exited on its
 * own after SIGTERM (one stopped half-way through starting has seen too little).
 */
final class ChildArchive {
  private final Path dir;
  private final String name;
  private final Path archive;
  private final Path recording;

  private ChildArchive(Path dir, String name, String stamp) {
    this.dir = dir;
    this.name = name;
    this.archive = dir.resolve(name + "-" + stamp + ".jsa");
    this.recording = dir.resolve(name + "-" + stamp + ".jsa.recording");
  }

  static ChildArchive of(String name, Path jar, Path dir) throws IOException {
    Files.createDirectories(dir);
    String stamp = Files.getLastModifiedTime(jar).toMillis() + "-" + Files.size(jar) + "-"
        + Runtime.version().toString().replaceAll("[^0-9A-Za-z.]", "_");
    return new ChildArchive(dir, name, stamp);
  }

  /** The JVM flags: map the recorded archive, or record one (no archive mapped meanwhile). */
  List<String> jvmFlags() throws IOException {
    if (Files.isRegularFile(archive)) {
      return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive);
    }
    Files.deleteIfExists(recording);
    return List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /** The child runs on a trained AOT cache instead: archives recorded before are of no use. */
  void dropAll() {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, name + "-*.jsa*")) {
      for (Path p : old) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // only disk space
    }
  }

  /** After the child exited: a complete recording becomes the archive (older ones go); anything else is dropped. */
  void settle(boolean complete) {
    try {
      if (complete && Files.isRegularFile(recording) && Files.size(recording) > 0) {
        Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, name + "-*.jsa")) {
          for (Path p : old) {
            if (!p.equals(archive)) {
              Files.deleteIfExists(p);
            }
          }
        }
      } else {
        Files.deleteIfExists(recording);
      }
    } catch (IOException e) {
      // an archive only speeds up the next start
    }
  }
}
