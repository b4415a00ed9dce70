package dev.wfrun.dev.tunnel;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of {@code wfrun dev}'s tunnel, made at start and gone with it: one CA (what the
 * plane's {@code clientCA} holds and what the agent trusts the gateway by), the cluster gateway's
 * server certificate and the agent's client certificate, for 127.0.0.1 and localhost, written as
 * PEM files as cert-manager writes them ({@code tls.crt}, PKCS#8 {@code tls.key}, {@code ca.crt}).
 */
public final class LoopbackPki {
  private static final Duration VALIDITY = Duration.ofDays(7);
  private final SecureRandom random = new SecureRandom();
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final X500Name caName;

  private LoopbackPki(String name) throws GeneralSecurityException, OperatorCreationException, IOException {
    caName = new X500Name("CN=" + name);
    caKeys = keys();
    ca = sign(caName, caKeys, null);
  }

  /** A new CA named {@code name}. */
  public static LoopbackPki create(String name) {
    try {
      return new LoopbackPki(name);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("could not make the tunnel's certificate authority: " + e.getMessage(), e);
    }
  }

  /** A certificate and key for {@code purpose} (server or client authentication). */
  public record Issued(Path certificate, Path key) {}

  /** Writes {@code dir/tls.crt} and {@code dir/tls.key}: a leaf certificate of this CA for {@code purpose}. */
  public Issued issue(Path dir, String commonName, KeyPurposeId purpose) throws IOException {
    try {
      KeyPair keys = keys();
      X509Certificate cert = sign(new X500Name("CN=" + commonName), keys, purpose);
      Files.createDirectories(dir);
      Path crt = dir.resolve("tls.crt");
      Path key = dir.resolve("tls.key");
      Files.writeString(crt, pem(cert));
      Files.writeString(key, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
      return new Issued(crt, key);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("could not issue the certificate of " + commonName + ": " + e.getMessage(), e);
    }
  }

  /** The CA certificate as PEM (a plane's {@code clientCA}, the agent's {@code ca.crt}). */
  public String caPem() {
    try {
      return pem(ca);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path writeCa(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, caPem());
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  /** @param purpose null for the CA itself */
  private X509Certificate sign(X500Name subject, KeyPair subjectKeys, KeyPurposeId purpose)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, new BigInteger(64, random),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic());
    boolean isCa = purpose == null;
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (isCa) {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
    }
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
