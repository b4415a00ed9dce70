package dev.wfrun.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The agent's TLS identity from PEM files as cert-manager writes them: its certificate chain, its
 * private key (PKCS#1, SEC1 or PKCS#8) and the CA that signs the gateway's certificate. {@link
 * #changed()} says when any file was rewritten (a renewal), so the next connection uses the new
 * certificate without a restart.
 */
final class PemCredentials {
  private final Path certificate;
  private final Path key;
  private final Path ca;
  private List<FileTime> loaded = List.of();

  PemCredentials(Path certificate, Path key, Path ca) {
    this.certificate = certificate;
    this.key = key;
    this.ca = ca;
  }

  /** A client TLS context over the files as they are now. */
  synchronized SSLContext context() throws IOException, GeneralSecurityException {
    List<FileTime> times = times();
    List<X509Certificate> chain = certificates(certificate);
    if (chain.isEmpty()) {
      throw new GeneralSecurityException(certificate + ": no certificate");
    }
    PrivateKey privateKey = privateKey(key);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (X509Certificate c : certificates(ca)) {
      trust.setCertificateEntry("ca-" + i++, c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(dev.wfrun.core.tls.InMemoryIdentity.keyManagers(privateKey, chain), tmf.getTrustManagers(), null);
    loaded = times;
    return context;
  }

  /** Whether a file changed since the last {@link #context()}. */
  synchronized boolean changed() {
    try {
      return !times().equals(loaded);
    } catch (IOException e) {
      return true; // mid-rewrite: try again with what is there next time
    }
  }

  private List<FileTime> times() throws IOException {
    return List.of(Files.getLastModifiedTime(certificate), Files.getLastModifiedTime(key),
        Files.getLastModifiedTime(ca));
  }

  static List<X509Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
    try (var in = Files.newInputStream(pem)) {
      Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
          .generateCertificates(in);
      List<X509Certificate> out = new ArrayList<>();
      all.forEach(c -> out.add((X509Certificate) c));
      return out;
    }
  }

  static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    try (Reader reader = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo()); // a SEC1 key may carry no public part
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new GeneralSecurityException(pem + ": no private key (PKCS#1, SEC1 or PKCS#8 PEM expected)");
    }
  }
}
