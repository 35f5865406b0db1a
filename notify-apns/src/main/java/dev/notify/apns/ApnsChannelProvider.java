package dev.notify.apns;

import dev.notify.spi.Channel;
import dev.notify.spi.ChannelProperties;
import dev.notify.spi.ChannelProvider;
import dev.notify.spi.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link ApnsChannel}s from properties, found by {@code
 * NotificationClient.builder().discoverChannels(properties)} (provider id {@code apns}):
 *
 * <pre>
 * notify.channel.apns.provider=apns
 * notify.channel.apns.environment=production          # or development
 * notify.channel.apns.keyFile=/etc/notify/AuthKey_ABC123DEFG.p8
 * notify.channel.apns.teamId=TEAM123456
 * notify.channel.apns.keyId=ABC123DEFG
 * notify.channel.apns.topic=com.example.app
 * </pre>
 *
 * <p>Instead of the token key, {@code certificateFile} (PKCS#12) with {@code certificatePassword}.
 * Optional: {@code server} ({@code host:port}, replaces the environment, e.g. a test peer),
 * {@code trustedCertificates} (a PEM file trusted for the server instead of the JDK's trust
 * store), {@code connections}, and the ISO-8601 durations {@code connectTimeout},
 * {@code requestTimeout}, {@code defaultExpiration} and {@code shutdownTimeout} (e.g. {@code
 * PT30S}). Any other key is refused, so a misspelt one is not silently ignored.
 */
public final class ApnsChannelProvider implements ChannelProvider {
  private static final Set<String> KEYS = Set.of("provider", "environment", "server", "keyFile",
      "teamId", "keyId", "certificateFile", "certificatePassword", "trustedCertificates", "topic",
      "connections", "connectTimeout", "requestTimeout", "defaultExpiration", "shutdownTimeout");

  /** Used by {@link java.util.ServiceLoader}. */
  public ApnsChannelProvider() {
  }

  /** @return {@code "apns"} */
  @Override
  public String id() {
    return "apns";
  }

  /**
   * @throws IllegalArgumentException naming the property ({@code notify.channel.<name>.<key>})
   *     that is missing, unknown or malformed
   */
  @Override
  public Channel create(String name, Map<String, String> properties) {
    ChannelProperties p = ChannelProperties.of(name, properties, "APNs", KEYS);
    ApnsChannel.Builder b = ApnsChannel.builder().name(name);

    String server = p.optional("server");
    String environment = p.optional("environment");
    if (server != null) {
      int colon = server.lastIndexOf(':');
      if (colon <= 0 || colon == server.length() - 1) {
        throw new IllegalArgumentException(p.key("server") + " must be host:port, was '" + server
            + "'");
      }
      b.server(server.substring(0, colon), p.integer("server", server.substring(colon + 1)));
    } else if ("production".equals(environment)) {
      b.production();
    } else if ("development".equals(environment)) {
      b.development();
    } else {
      throw new IllegalArgumentException(p.key("environment") + " must be 'production' or"
          + " 'development'" + (environment == null ? " (or set " + p.key("server") + ")"
          : ", was '" + environment + "'"));
    }

    String keyFile = p.optional("keyFile");
    String certificateFile = p.optional("certificateFile");
    if ((keyFile == null) == (certificateFile == null)) {
      throw new IllegalArgumentException("set exactly one of " + p.key("keyFile") + " (token"
          + " authentication, with teamId and keyId) and " + p.key("certificateFile") + " (TLS"
          + " client certificate)");
    }
    if (keyFile != null) {
      b.tokenAuth(file(p, "keyFile", keyFile), p.required("teamId"), p.required("keyId"));
    } else {
      b.clientCertificate(file(p, "certificateFile", certificateFile),
          p.optional("certificatePassword"));
    }
    String trusted = p.optional("trustedCertificates");
    if (trusted != null) {
      b.trustedServerCertificates(certificates(p, "trustedCertificates", trusted));
    }
    String topic = p.optional("topic");
    if (topic != null) {
      b.topic(topic);
    }
    String connections = p.optional("connections");
    if (connections != null) {
      b.connections(p.integer("connections", connections));
    }
    Duration d;
    if ((d = p.duration("connectTimeout")) != null) {
      b.connectTimeout(d);
    }
    if ((d = p.duration("requestTimeout")) != null) {
      b.requestTimeout(d);
    }
    if ((d = p.duration("defaultExpiration")) != null) {
      b.defaultExpiration(d);
    }
    if ((d = p.duration("shutdownTimeout")) != null) {
      b.shutdownTimeout(d);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException("APNs channel '" + name + "': " + e.getMessage(), e);
    }
  }

  private static Path file(ChannelProperties p, String key, String value) {
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(p.key(key) + " names no readable file: "
          + Redaction.maskFileName(path));
    }
    return path;
  }

  private static X509Certificate[] certificates(ChannelProperties p, String key, String value) {
    try (InputStream in = Files.newInputStream(file(p, key, value))) {
      Collection<? extends Certificate> all =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (all.isEmpty()) {
        throw new IllegalArgumentException(p.key(key) + " holds no certificate: "
            + Redaction.maskFileName(Path.of(value)));
      }
      return all.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException(p.key(key) + " could not be read as PEM certificates: "
          + e.getMessage(), e);
    }
  }
}
