package dev.wfrun.dev;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The artifacts that are deployed, as the build leaves them: the functions app, the gateway and the
 * cluster gateway.
 */
public record Deployables(Path functionsJar, Path gatewayJar, Path clusterGatewayJar) {
  static final String FUNCTIONS = "functions/app/target/quarkus-app/quarkus-run.jar";
  static final String GATEWAY = "gateway/target/quarkus-app/quarkus-run.jar";
  static final String CLUSTER_GATEWAY = "gateway/cluster-gateway/target/quarkus-app/quarkus-run.jar";

  public static Deployables in(Path repo) {
    Path functions = repo.resolve(FUNCTIONS);
    Path gateway = repo.resolve(GATEWAY);
    Path clusterGateway = repo.resolve(CLUSTER_GATEWAY);
    for (Path jar : new Path[] {functions, gateway, clusterGateway}) {
      if (!Files.isRegularFile(jar)) {
        throw new DevException("missing build: " + repo.relativize(jar)
            + " not found; build first with: mvn -B -DskipTests package");
      }
    }
    return new Deployables(functions, gateway, clusterGateway);
  }

  /** The wfrun checkout at or above {@code start}: the directory holding pom.xml, knative/ and samples/. */
  public static Path findRepo(Path start) {
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("knative"))
          && Files.isDirectory(p.resolve("samples"))) {
        return p;
      }
    }
    throw new DevException("not inside a wfrun checkout (no pom.xml with knative/ and samples/ at or above "
        + start.toAbsolutePath() + "); run from the repository or pass --repo");
  }
}
