package dev.wfrun.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;

class InMemoryIdentityTest {
  private static X509Certificate certificate() throws Exception {
    try (InputStream in = InMemoryIdentityTest.class.getResourceAsStream("/tls/identity.crt")) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey key() throws Exception {
    try (InputStream in = InMemoryIdentityTest.class.getResourceAsStream("/tls/identity.key")) {
      String pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
          .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
  }

  @Test
  void servesTheKeyAndChainItWasGiven() throws Exception {
    X509Certificate certificate = certificate();
    PrivateKey key = key();
    KeyManager[] managers = InMemoryIdentity.keyManagers(key, List.of(certificate));
    X509KeyManager manager = (X509KeyManager) managers[0];
    String alias = manager.chooseServerAlias("EC", null, null);
    assertThat(alias).as("the identity is offered for an EC handshake").isNotNull();
    assertThat(manager.getPrivateKey(alias).getEncoded()).isEqualTo(key.getEncoded());
    assertThat(manager.getCertificateChain(alias)).containsExactly(certificate);
  }

  @Test
  void refusesAKeyWithoutItsCertificate() throws Exception {
    PrivateKey key = key();
    assertThatThrownBy(() -> InMemoryIdentity.keyManagers(key, List.of()))
        .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("needs its certificate");
  }
}
