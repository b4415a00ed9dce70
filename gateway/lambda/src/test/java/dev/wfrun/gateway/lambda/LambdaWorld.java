package dev.wfrun.gateway.lambda;

import dev.wfrun.core.testing.World;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The sample world as the Lambda's control plane, and the webhook secrets where terraform/aws-lambda
 * puts them: in AWS Secrets Manager, read through a local stand-in for the Parameters and Secrets
 * Lambda Extension (which answers only with the function's session token).
 */
public class LambdaWorld implements QuarkusTestResourceLifecycleManager {
  static final String GITHUB_SECRET = "lambda-webhook-secret";
  static final String SECRET_ID = "wfrun/webhook-secrets";
  static World world;
  private com.sun.net.httpserver.HttpServer extension;

  @Override
  public Map<String, String> start() {
    world = new World();
    String gatewayToken = world.controlServer.tokenFor("wfrun-gateway");
    try {
      extension = com.sun.net.httpserver.HttpServer.create(
          new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 4);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    extension.createContext("/secretsmanager/get", exchange -> {
      boolean ok = ("secretId=" + SECRET_ID).equals(exchange.getRequestURI().getQuery());
      // the webhook secret and the control plane's token, as one Secrets Manager secret
      String body = "{\"Name\":\"" + SECRET_ID + "\",\"SecretString\":\"{\\\"github-secret\\\":\\\""
          + GITHUB_SECRET + "\\\",\\\"kubernetes-token\\\":\\\"" + gatewayToken + "\\\"}\"}";
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(ok ? 200 : 404, ok ? bytes.length : -1);
      if (ok) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    extension.start();
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", world.controlServer.url(),
        "quarkus.kubernetes-client.trust-certs", "true",
        "wfrun.gateway.secret-source", "aws-secrets-manager",
        "wfrun.gateway.aws-secret-id", SECRET_ID,
        "wfrun.gateway.aws-secrets-extension-url", "http://127.0.0.1:" + extension.getAddress().getPort());
  }

  @Override
  public void stop() {
    if (extension != null) {
      extension.stop(0);
    }
    if (world != null) {
      world.close();
    }
  }
}
