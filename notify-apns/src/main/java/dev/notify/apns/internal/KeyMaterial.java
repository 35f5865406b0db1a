package dev.notify.apns.internal;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Loads keys and certificates, turning every failure into an IllegalArgumentException. */
public final class KeyMaterial {
  private KeyMaterial() {
  }

  /**
   * A TLS client identity.
   *
   * @param certificate the client certificate
   * @param key its private key
   */
  public record ClientIdentity(X509Certificate certificate, PrivateKey key) {
    @Override
    public String toString() {
      return "ClientIdentity[" + certificate.getSubjectX500Principal().getName() + "]";
    }
  }

  /**
   * {@return the signing key}
   *
   * @param pkcs8Pem the .p8 file's content (PEM, {@code -----BEGIN PRIVATE KEY-----})
   * @param teamId the 10-character team id
   * @param keyId the 10-character key id
   * @param source where it came from, for the message
   */
  public static ApnsSigningKey signingKey(InputStream pkcs8Pem, String teamId, String keyId,
      String source) {
    try {
      return ApnsSigningKey.loadFromInputStream(pkcs8Pem, teamId, keyId);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("could not read an APNs signing key (.p8, PKCS#8 PEM)"
          + " from " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@return the signing key}
   *
   * @param key an EC P-256 private key
   * @param teamId the 10-character team id
   * @param keyId the 10-character key id
   */
  public static ApnsSigningKey signingKey(ECPrivateKey key, String teamId, String keyId) {
    try {
      return new ApnsSigningKey(keyId, teamId, key);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a usable APNs signing key (EC P-256 expected): "
          + e.getMessage(), e);
    }
  }

  /**
   * {@return the first private key entry's certificate and key}
   *
   * @param pkcs12 a PKCS#12 file with one private key entry
   * @param password its password, or {@code null}
   * @param source where it came from, for the message
   */
  public static ClientIdentity clientIdentity(InputStream pkcs12, String password, String source) {
    char[] secret = password == null ? new char[0] : password.toCharArray();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(pkcs12, secret);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Certificate certificate = store.getCertificate(alias);
          if (!(certificate instanceof X509Certificate x509)) {
            throw new IllegalArgumentException(source + ": entry '" + alias
                + "' has no X.509 certificate");
          }
          return new ClientIdentity(x509, (PrivateKey) store.getKey(alias, secret));
        }
      }
      throw new IllegalArgumentException(source + " holds no private key entry");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("could not read the PKCS#12 client certificate from "
          + source + " (wrong password?): " + e.getMessage(), e);
    }
  }

  /**
   * {@return its trusted certificates}
   *
   * @param store a trust store
   */
  public static List<X509Certificate> certificates(KeyStore store) {
    try {
      List<X509Certificate> certificates = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.getCertificate(alias) instanceof X509Certificate x509) {
          certificates.add(x509);
        }
      }
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("the trust store holds no X.509 certificate");
      }
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("could not read the trust store: " + e.getMessage(), e);
    }
  }
}
