package dev.wfrun.benchmarks;

import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.core.testing.World;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The API server for the gateway load run: the sample world (CRUD mock API server) plus 999 more
 * Components, each building its own repository, and upstream's webhook Secret. Writes the server's
 * URL to the file named by the first argument and the gateway's ServiceAccount token to that file
 * name plus {@code .token} (the strict embedded API authorises the gateway as wfrun-gateway), then
 * serves until killed.
 */
public final class GatewayLoadWorld {
  public static final String SECRET = "load-test-secret";

  private GatewayLoadWorld() {}

  public static void main(String[] args) throws Exception {
    World world = new World();
    Component template = world.control.resources(Component.class).inNamespace("default").withName("greeter-service").get();
    world.copiesOfGreeter(999);
    world.webhookSecret("github-secret", SECRET);
    int count = world.control.resources(Component.class).inAnyNamespace().list().getItems().size();
    System.out.println("API server " + world.controlServer.url() + " with " + count + " Components (template "
        + template.getMetadata().getName() + ")");
    Files.writeString(Path.of(args[0] + ".token"), world.controlServer.tokenFor("wfrun-gateway"));
    Files.writeString(Path.of(args[0]), world.controlServer.url());
    Thread.currentThread().join();
  }
}
