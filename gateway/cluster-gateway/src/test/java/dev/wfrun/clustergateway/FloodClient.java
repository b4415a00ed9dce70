package dev.wfrun.clustergateway;

import dev.wfrun.agent.AgentOptions;
import java.nio.file.Files;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** A client TLS context from an agent's PEM files, for tests that speak to the gateway as a misbehaving agent. */
final class FloodClient {
  private FloodClient() {}

  static SSLContext tls(AgentOptions options) throws Exception {
    var factory = java.security.cert.CertificateFactory.getInstance("X.509");
    java.security.cert.Certificate[] chain;
    try (var in = Files.newInputStream(options.certificate())) {
      chain = factory.generateCertificates(in).toArray(new java.security.cert.Certificate[0]);
    }
    java.security.PrivateKey key;
    try (var parser = new PEMParser(Files.newBufferedReader(options.key()))) {
      key = new JcaPEMKeyConverter().getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parser.readObject());
    }
    KeyStore identity = KeyStore.getInstance("PKCS12");
    identity.load(null, null);
    identity.setKeyEntry("agent", key, new char[0], chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(identity, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(options.ca())) {
      trust.setCertificateEntry("ca", factory.generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
