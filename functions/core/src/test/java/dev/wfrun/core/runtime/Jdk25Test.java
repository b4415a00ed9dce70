package dev.wfrun.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Jdk25Test {
  @TempDir Path jvms;

  private Path jdk(String name, String version) throws Exception {
    Path home = jvms.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  @Test
  void findsTheJdk25BesideTheDefaultOne() throws Exception {
    Path seventeen = jdk("java-17-openjdk-amd64", "17.0.15");
    Path twentyFive = jdk("temurin-25-jdk-amd64", "25.0.3");
    assertThat(Jdk25.find(null, seventeen.toString(), jvms)).contains(twentyFive);
  }

  @Test
  void javaHomeWinsWhenItIsOne() throws Exception {
    jdk("temurin-25-jdk-amd64", "25.0.3");
    Path other = jdk("custom-26", "26");
    assertThat(Jdk25.find(null, other.toString(), jvms)).contains(other);
  }

  @Test
  void noneWhenOnlyOlderJdksAreThere() throws Exception {
    Path seventeen = jdk("java-17-openjdk-amd64", "17.0.15");
    assertThat(Jdk25.find("", seventeen.toString(), jvms)).isEmpty();
    assertThat(Jdk25.feature(jvms.resolve("missing"))).isZero();
  }
}
