package dev.wfrun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key formats cert-manager writes are read: PKCS#1 (RSA, its default) and PKCS#8. */
class PemCredentialsTest {
  @TempDir Path dir;

  @Test
  void readsAPkcs1RsaKey() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    var keys = rsa.generateKeyPair();
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(keys);
    }
    assertThat(out.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    Path key = dir.resolve("tls.key");
    Files.writeString(key, out.toString());
    assertThat(PemCredentials.privateKey(key).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
  }

  @Test
  void aFileWithoutAKeyIsNamed() throws Exception {
    Path key = dir.resolve("tls.key");
    Files.writeString(key, "not a key\n");
    assertThatThrownBy(() -> PemCredentials.privateKey(key)).hasMessageContaining("no private key");
  }
}
