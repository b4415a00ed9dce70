package dev.wfrun.clustergateway;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Accepts any client certificate at the TLS layer (never used for servers): the gateway verifies
 * an agent's chain itself, against the clientCA of each plane CR with the planeID it dialled with,
 * before the WebSocket is accepted.
 */
final class AnyClientCertificate implements X509TrustManager {
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    // verified per plane CR by PlaneAuthorizer
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
    throw new java.security.cert.CertificateException("this trust manager is for client certificates only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
