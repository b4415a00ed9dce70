package dev.wfrun.dev;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports: is one free, and a free one. */
public final class Ports {
  private Ports() {}

  static void requireFree(int port, String flag) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new DevException("port " + port + " is in use (choose another with " + flag + ")");
    }
  }

  /**
   * A free port other than {@code taken}: a port just released (the one chosen for the gateway,
   * not bound until its child starts) can be handed out again by the kernel.
   */
  public static int freeExcept(int... taken) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = free();
      if (java.util.Arrays.stream(taken).noneMatch(t -> t == port)) {
        return port;
      }
    }
    throw new DevException("no free loopback port apart from " + java.util.Arrays.toString(taken));
  }

  /**
   * A free port for a child to bind later. Chosen below Linux's ephemeral range (32768 and up), so
   * that a socket bound meanwhile with port 0 (the broker, the embedded API) cannot be handed the
   * same port before the child binds it.
   */
  public static int free() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = random.nextInt(20_000, 32_768);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException inUse) {
        // try another
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new DevException("no free loopback port: " + e.getMessage(), e);
    }
  }
}
