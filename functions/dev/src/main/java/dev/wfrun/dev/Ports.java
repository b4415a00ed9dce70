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

  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new DevException("no free loopback port: " + e.getMessage(), e);
    }
  }
}
