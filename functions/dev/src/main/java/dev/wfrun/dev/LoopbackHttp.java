package dev.wfrun.dev;

/**
 * The JDK's built-in HTTP server (the local Broker's ingress, the embedded API's kubectl front) writes
 * a response's headers and body separately and, without {@code TCP_NODELAY}, Nagle's algorithm holds
 * the second write until the client's delayed ACK: about 40 ms per request on Linux. Set before the
 * first server is created (the JDK reads it once).
 */
public final class LoopbackHttp {
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private LoopbackHttp() {}

  public static void noDelay() {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }
}
