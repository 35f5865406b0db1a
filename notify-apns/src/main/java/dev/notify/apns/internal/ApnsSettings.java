package dev.notify.apns.internal;

import static java.util.Objects.requireNonNull;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import dev.notify.spi.Redaction;
import io.netty.channel.EventLoopGroup;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code ApnsChannel.Builder} collected, checked for combinations by the builder.
 *
 * @param name the channel name
 * @param host the APNs host
 * @param port the APNs port
 * @param signingKey the token-auth signing key, or {@code null}
 * @param clientCertificate the TLS client certificate, or {@code null}
 * @param clientKey its private key, or {@code null}
 * @param trustedServerCertificates certificates to trust instead of the JDK's, or empty
 * @param topic the default topic, or {@code null}
 * @param connections the number of HTTP/2 connections
 * @param sharedGroup the caller's event loop group, or {@code null} to own one
 * @param connectTimeout how long one connection attempt may take
 * @param requestTimeout how long to wait for APNs' answer before calling it retryable
 * @param defaultExpiration how long APNs stores a message that has no expiry
 * @param shutdownTimeout how long close waits for in-flight answers
 */
public record ApnsSettings(String name, String host, int port, ApnsSigningKey signingKey,
    X509Certificate clientCertificate, PrivateKey clientKey,
    List<X509Certificate> trustedServerCertificates, String topic, int connections,
    EventLoopGroup sharedGroup, Duration connectTimeout, Duration requestTimeout,
    Duration defaultExpiration, Duration shutdownTimeout) {

  /**
   * Rejects nulls where a value is required and copies the list.
   *
   * @param name the channel name
   * @param host the APNs host
   * @param port the APNs port
   * @param signingKey the token-auth signing key, or {@code null}
   * @param clientCertificate the TLS client certificate, or {@code null}
   * @param clientKey its private key, or {@code null}
   * @param trustedServerCertificates certificates to trust instead of the JDK's, or empty
   * @param topic the default topic, or {@code null}
   * @param connections the number of HTTP/2 connections
   * @param sharedGroup the caller's event loop group, or {@code null} to own one
   * @param connectTimeout how long one connection attempt may take
   * @param requestTimeout how long to wait for APNs' answer before calling it retryable
   * @param defaultExpiration how long APNs stores a message that has no expiry
   * @param shutdownTimeout how long close waits for in-flight answers
   */
  public ApnsSettings {
    requireNonNull(name, "name");
    requireNonNull(host, "host");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(requestTimeout, "requestTimeout");
    requireNonNull(defaultExpiration, "defaultExpiration");
    requireNonNull(shutdownTimeout, "shutdownTimeout");
    trustedServerCertificates = List.copyOf(trustedServerCertificates);
  }

  /** Key material is never printed; key and team ids only masked. */
  @Override
  public String toString() {
    String auth = signingKey != null
        ? "token(team=" + Redaction.mask(signingKey.getTeamId()) + ", key="
            + Redaction.mask(signingKey.getKeyId()) + ")"
        : "certificate(" + (clientCertificate == null ? "none"
            : clientCertificate.getSubjectX500Principal().getName()) + ")";
    return "name=" + name + ", server=" + host + ":" + port + ", auth=" + auth + ", topic="
        + topic + ", connections=" + connections;
  }
}
