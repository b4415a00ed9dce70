package dev.wfrun.core.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * Key managers for a private key and its certificate chain held in memory (a TLS identity read from
 * PEM files or generated at start). The JDK's key managers take the key from a {@link KeyStore}, and a
 * PKCS12 store encrypts each key with 10,000 PBKDF2 iterations when it is put in and again when the key
 * manager takes it out: 160–230 ms of a cold JVM's start on this project's machines, for a store that is
 * never written anywhere and whose password is empty. The key is put in with one iteration instead.
 */
public final class InMemoryIdentity {
  private static final String ALIAS = "identity";
  private static final char[] NO_PASSWORD = new char[0];

  private InMemoryIdentity() {}

  public static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain)
      throws GeneralSecurityException {
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("a TLS identity needs its certificate");
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create an in-memory key store: " + e.getMessage(), e);
    }
    store.setEntry(ALIAS, new KeyStore.PrivateKeyEntry(key, chain.toArray(new X509Certificate[0])),
        new KeyStore.PasswordProtection(NO_PASSWORD, "PBEWithHmacSHA256AndAES_256",
            new PBEParameterSpec(new byte[16], 1)));
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, NO_PASSWORD);
    return factory.getKeyManagers();
  }
}
