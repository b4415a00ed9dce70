package dev.wfrun.gateway;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who a console page acts for: the request's {@code Authorization} (the user's bearer token, or an
 * authenticating proxy's), so every call is the caller's and the cluster's RBAC decides. Only where
 * {@code wfrun.console.loopback-token-file} is set ({@code wfrun dev}) does a request from loopback
 * without one act with that file's token.
 */
@ApplicationScoped
public class ConsoleCaller {
  @ConfigProperty(name = "wfrun.console.loopback-token-file")
  Optional<Path> loopbackToken;

  /** The Authorization to call the APIs with; null when there is none (the APIs answer 401). */
  String authorization(String header, HttpServerRequest request) {
    if (header != null && !header.isBlank()) {
      return header;
    }
    if (loopbackToken.isEmpty() || request == null || request.remoteAddress() == null
        || !isLoopback(request.remoteAddress().hostAddress())) {
      return null;
    }
    try {
      return "Bearer " + Files.readString(loopbackToken.get()).strip();
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean isLoopback(String address) {
    return address != null && (address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1"));
  }
}
