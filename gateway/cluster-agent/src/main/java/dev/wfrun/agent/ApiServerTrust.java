package dev.wfrun.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The in-cluster API server's CA and the pod's ServiceAccount token, as the agent reads them. */
final class ApiServerTrust {
  private ApiServerTrust() {}

  /** Trusts the API server's CA file, or the JDK's defaults when there is none. */
  static SSLContext context(Path ca) throws IOException, GeneralSecurityException {
    if (!Files.exists(ca)) {
      return SSLContext.getDefault();
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (var c : PemCredentials.certificates(ca)) {
      trust.setCertificateEntry("api-" + i++, c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** The token file, read anew (the kubelet rotates it). */
  static String read(Path tokenFile) {
    try {
      return Files.readString(tokenFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("agent: cannot read the ServiceAccount token " + tokenFile, e);
    }
  }
}
