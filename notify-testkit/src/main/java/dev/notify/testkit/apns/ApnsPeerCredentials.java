package dev.notify.testkit.apns;

import dev.notify.spi.Redaction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.Optional;

/**
 * What a client needs to talk to a {@link MockApnsPeer}, in plain JDK types so that any APNs
 * client can use it (pushy's {@code ApnsClientBuilder}, notify's {@code ApnsChannel.Builder}):
 * where the peer listens, the server certificate to trust (its subject alternative names are
 * {@code localhost} and {@code 127.0.0.1}, so hostname verification stays on), the EC P-256 signing
 * key the peer verifies provider tokens with, and the team and key ids. All of it is throwaway
 * material generated when the peer was created.
 */
public final class ApnsPeerCredentials {
  private final String host;
  private final int port;
  private final X509Certificate trustedCertificate;
  private final ECPrivateKey signingKey;
  private final String teamId;
  private final String keyId;
  private final String topic;
  private final PeerKeyMaterial.Identity clientIdentity;

  ApnsPeerCredentials(String host, int port, X509Certificate trustedCertificate,
      ECPrivateKey signingKey, String teamId, String keyId, String topic,
      PeerKeyMaterial.Identity clientIdentity) {
    this.host = host;
    this.port = port;
    this.trustedCertificate = trustedCertificate;
    this.signingKey = signingKey;
    this.teamId = teamId;
    this.keyId = keyId;
    this.topic = topic;
    this.clientIdentity = clientIdentity;
  }

  /** {@return {@code "localhost"}} */
  public String host() {
    return host;
  }

  /** {@return the port the peer listens on; the same after a restart} */
  public int port() {
    return port;
  }

  /** {@return the peer's self-signed server certificate, to trust} */
  public X509Certificate trustedCertificate() {
    return trustedCertificate;
  }

  /** {@return the server certificate as PEM, for clients that read trust from a file} */
  public String trustedCertificatePem() {
    return PeerKeyMaterial.certificatePem(trustedCertificate);
  }

  /** {@return the signing key whose provider tokens the peer accepts} */
  public ECPrivateKey signingKey() {
    return signingKey;
  }

  /** {@return the signing key as the content of a .p8 file (PKCS#8 PEM)} */
  public String signingKeyPem() {
    return PeerKeyMaterial.pkcs8Pem(signingKey);
  }

  /** {@return a stream of {@link #signingKeyPem()}} */
  public InputStream signingKeyStream() {
    return new ByteArrayInputStream(signingKeyPem().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Writes the signing key as Apple names it, {@code AuthKey_<keyId>.p8}.
   *
   * @param dir an existing directory, e.g. JUnit's {@code @TempDir}
   * @return the file
   * @throws IOException if the file cannot be written
   */
  public Path writeSigningKey(Path dir) throws IOException {
    Path file = dir.resolve("AuthKey_" + keyId + ".p8");
    Files.writeString(file, signingKeyPem(), StandardCharsets.US_ASCII);
    return file;
  }

  /** {@return the team id the peer expects in provider tokens} */
  public String teamId() {
    return teamId;
  }

  /** {@return the key id the peer expects in provider tokens} */
  public String keyId() {
    return keyId;
  }

  /** {@return the topic (bundle id) to use by default} */
  public String topic() {
    return topic;
  }

  /**
   * {@return a PKCS#12 client certificate the peer trusts, if the peer was built with
   * {@link MockApnsPeer.Builder#clientCertificateAuth(boolean)}; password
   * {@link #clientCertificatePassword()}}
   */
  public Optional<byte[]> clientCertificateP12() {
    return Optional.ofNullable(clientIdentity).map(identity -> identity.pkcs12().clone());
  }

  /** {@return the password of {@link #clientCertificateP12()}} */
  public String clientCertificatePassword() {
    return PeerKeyMaterial.PASSWORD;
  }

  /** {@return the client certificate itself, if there is one} */
  public Optional<X509Certificate> clientCertificate() {
    return Optional.ofNullable(clientIdentity).map(PeerKeyMaterial.Identity::certificate);
  }

  /** Never prints key material; the team and key ids are masked, as the channel masks them. */
  @Override
  public String toString() {
    return "ApnsPeerCredentials[" + host + ":" + port + ", team=" + Redaction.mask(teamId)
        + ", key=" + Redaction.mask(keyId)
        + ", topic=" + topic + ", clientCertificate=" + (clientIdentity != null) + "]";
  }
}
