package dev.wfrun.core.tunnel;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an agent's client certificate chain verifies against a plane's {@code clientCA}, as
 * upstream's validator checks it: the leaf with the presented intermediates up to one of the CA's
 * certificates, valid now, with key usage clientAuth (when an extended key usage is present). The
 * CN and SAN are not checked.
 */
public final class ClientCertificates {
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private ClientCertificates() {}

  /** The certificates of a PEM text (a {@code clientCA.value} or a Secret's key). */
  public static List<X509Certificate> parse(String pem) throws GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
        .forEach(c -> out.add((X509Certificate) c));
    if (out.isEmpty()) {
      throw new GeneralSecurityException("no certificate in the PEM text");
    }
    return out;
  }

  /** Why the chain does not verify against {@code cas}, or empty when it does. */
  public static Optional<String> problem(List<X509Certificate> chain, List<X509Certificate> cas) {
    if (chain == null || chain.isEmpty()) {
      return Optional.of("no client certificate presented");
    }
    X509Certificate leaf = chain.get(0);
    try {
      List<String> usages = leaf.getExtendedKeyUsage();
      if (usages != null && !usages.contains(CLIENT_AUTH)) {
        return Optional.of("certificate is not for client authentication");
      }
      Set<TrustAnchor> anchors = new HashSet<>();
      cas.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
      if (anchors.isEmpty()) {
        return Optional.of("the plane has no clientCA");
      }
      List<X509Certificate> path = new ArrayList<>(chain);
      path.removeIf(c -> cas.contains(c)); // a presented root is not part of the path
      if (path.isEmpty()) {
        return Optional.of("the client certificate is the CA itself");
      }
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
      return Optional.empty();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.of("certificate does not verify: " + e.getMessage());
    }
  }
}
