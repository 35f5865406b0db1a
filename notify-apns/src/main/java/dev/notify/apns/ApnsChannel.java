package dev.notify.apns;

import static java.util.Objects.requireNonNull;

import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import dev.notify.ChannelType;
import dev.notify.apns.internal.ApnsSender;
import dev.notify.apns.internal.ApnsSettings;
import dev.notify.apns.internal.HeaderRules;
import dev.notify.apns.internal.KeyMaterial;
import dev.notify.apns.internal.Violation;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.spi.Redaction;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Sends push notifications to Apple devices through APNs' HTTP/2 API, with pushy underneath.
 *
 * <pre>{@code
 * ApnsChannel apns = ApnsChannel.builder()
 *     .production()
 *     .tokenAuth(Path.of("AuthKey_ABC123DEFG.p8"), "TEAM123456", "ABC123DEFG")
 *     .topic("com.example.app")
 *     .build();
 * NotificationClient client = NotificationClient.builder().channel(apns).build();
 * }</pre>
 *
 * <p>One instance per APNs account and environment; thread-safe. {@link #send} never blocks: it
 * hands the request to pushy and completes on pushy's event loop with the classified answer (see
 * the module's README for the table). {@link #close()} releases the connections and, unless the
 * caller shared one, the event loop group.
 */
public final class ApnsChannel implements Channel, AutoCloseable {
  private final String name;
  private final ApnsSender sender;

  private ApnsChannel(String name, ApnsSender sender) {
    this.name = name;
    this.sender = sender;
  }

  /** {@return a builder; choose an environment and one way to authenticate} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  /** @return {@link ChannelType#APNS} */
  @Override
  public ChannelType type() {
    return ChannelType.APNS;
  }

  /**
   * Checks the device token's syntax, that there is something to show (or a silent background
   * push), the topic, and the payload's size against Apple's limit (4096 bytes, 5120 for VoIP).
   * The header values {@code apns-topic} and {@code apns-collapse-id} must be printable ASCII
   * (U+0020 to U+007E) of at most 255 and 64 characters, and the token ASCII hex digits.
   * Sizes the payload exactly as {@link #send} builds it. No I/O.
   *
   * @throws dev.notify.InvalidNotificationException naming {@code address}, {@code content},
   *     {@code content.data}, {@code payload}, {@code options.topic},
   *     {@code options.collapseId} or {@code options.pushType}
   */
  @Override
  public void validate(OutboundMessage message) {
    requireNonNull(message, "message");
    Violation violation = sender.check(message);
    if (violation != null) {
      throw violation.toException();
    }
  }

  /**
   * Sends one delivery asynchronously. The apns-id is derived from {@link Delivery#id()}, so every
   * attempt of a delivery carries the same apns-id. A message that breaks a {@link #validate} rule
   * here (after rendering) is answered at once: an invalid token as address-invalid, anything else
   * as permanent. The stage never fails; it may complete on a Netty event loop.
   */
  @Override
  public CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context) {
    requireNonNull(delivery, "delivery");
    requireNonNull(context, "context");
    return sender.send(delivery, context);
  }

  /**
   * Closes the connections, waiting up to the shutdown timeout for answers in flight, and shuts
   * down the event loop group if this channel created it. Idempotent; never throws.
   */
  @Override
  public void close() {
    sender.close();
  }

  /** Shows the server, the masked key and team ids and the topic; never key material. */
  @Override
  public String toString() {
    return "ApnsChannel[" + sender + "]";
  }

  /**
   * Configures an {@link ApnsChannel}. Required: an environment ({@link #production()},
   * {@link #development()} or {@link #server}) and exactly one of {@link #tokenAuth} and
   * {@link #clientCertificate}. Not thread-safe.
   */
  public static final class Builder {
    private String name = "apns";
    private String host;
    private int port;
    private ApnsSigningKey signingKey;
    private KeyMaterial.ClientIdentity clientIdentity;
    private List<X509Certificate> trusted = List.of();
    private String topic;
    private int connections = 1;
    private EventLoopGroup eventLoopGroup;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration defaultExpiration = Duration.ofDays(1);
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    private Builder() {
    }

    /**
     * Names the channel.
     *
     * @param name the channel's unique name; default {@code "apns"}
     * @return this builder
     */
    public Builder name(String name) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Sends to APNs' production environment (App Store, TestFlight and ad hoc builds).
     *
     * @return this builder
     */
    public Builder production() {
      return server(ApnsClientBuilder.PRODUCTION_APNS_HOST, ApnsClientBuilder.DEFAULT_APNS_PORT);
    }

    /**
     * Sends to APNs' development (sandbox) environment (builds run from Xcode).
     *
     * @return this builder
     */
    public Builder development() {
      return server(ApnsClientBuilder.DEVELOPMENT_APNS_HOST, ApnsClientBuilder.DEFAULT_APNS_PORT);
    }

    /**
     * Sends to an explicit server: a test peer, or APNs' alternate port 2197. Replaces
     * {@link #production()} or {@link #development()}.
     *
     * @param host the host name; certificate checks use it, so prefer a name in the server
     *     certificate's subject alternative names (e.g. {@code localhost})
     * @param port the port, 1 to 65535
     * @return this builder
     */
    public Builder server(String host, int port) {
      requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535: " + port);
      }
      this.host = host;
      this.port = port;
      return this;
    }

    /**
     * Authenticates with a provider token signed by an APNs auth key (the recommended way: one key
     * serves every app of the team, and it does not expire).
     *
     * @param p8File the {@code AuthKey_<keyId>.p8} file from the developer account
     * @param teamId the 10-character team id
     * @param keyId the 10-character key id
     * @return this builder
     * @throws IllegalArgumentException if the file cannot be read, or not as an EC private key
     */
    public Builder tokenAuth(Path p8File, String teamId, String keyId) {
      requireNonNull(p8File, "p8File");
      // The file is named after the key id (AuthKey_<keyId>.p8): masked here, and the
      // IOException (whose message is the full path) is not kept as the cause.
      String shown = Redaction.maskFileName(p8File);
      try (InputStream in = Files.newInputStream(p8File)) {
        return tokenAuth(in, teamId, keyId, shown);
      } catch (IOException e) {
        throw new IllegalArgumentException("could not read the signing key " + shown + " ("
            + e.getClass().getSimpleName() + ")");
      }
    }

    /**
     * Like {@link #tokenAuth(Path, String, String)}, from a stream of the .p8 file's content; the
     * stream is read at once and not closed.
     *
     * @param p8 the {@code AuthKey_<keyId>.p8} file's content
     * @param teamId the 10-character team id
     * @param keyId the 10-character key id
     * @return this builder
     */
    public Builder tokenAuth(InputStream p8, String teamId, String keyId) {
      requireNonNull(p8, "p8");
      return tokenAuth(p8, teamId, keyId, "the given stream");
    }

    /**
     * Like {@link #tokenAuth(Path, String, String)}, with the key already loaded.
     *
     * @param signingKey an EC P-256 private key
     * @param teamId the 10-character team id
     * @param keyId the 10-character key id
     * @return this builder
     */
    public Builder tokenAuth(ECPrivateKey signingKey, String teamId, String keyId) {
      requireNonNull(signingKey, "signingKey");
      checkIds(teamId, keyId);
      this.signingKey = KeyMaterial.signingKey(signingKey, teamId, keyId);
      return this;
    }

    private Builder tokenAuth(InputStream p8, String teamId, String keyId, String source) {
      checkIds(teamId, keyId);
      this.signingKey = KeyMaterial.signingKey(p8, teamId, keyId, source);
      return this;
    }

    private static void checkIds(String teamId, String keyId) {
      requireNonNull(teamId, "teamId");
      requireNonNull(keyId, "keyId");
      if (teamId.isBlank() || keyId.isBlank()) {
        throw new IllegalArgumentException("teamId and keyId must not be blank");
      }
    }

    /**
     * Authenticates with a TLS client certificate (an "Apple Push Notification service SSL"
     * certificate exported with its key as PKCS#12).
     *
     * @param p12File the .p12 file
     * @param password its password, or {@code null}
     * @return this builder
     * @throws IllegalArgumentException if the file holds no readable key entry
     */
    public Builder clientCertificate(Path p12File, String password) {
      requireNonNull(p12File, "p12File");
      try (InputStream in = Files.newInputStream(p12File)) {
        this.clientIdentity = KeyMaterial.clientIdentity(in, password, p12File.toString());
        return this;
      } catch (IOException e) {
        throw new IllegalArgumentException("could not read the client certificate " + p12File
            + ": " + e, e);
      }
    }

    /**
     * Like {@link #clientCertificate(Path, String)}, from a stream; read at once, not closed.
     *
     * @param p12 the .p12 file's content
     * @param password its password, or {@code null}
     * @return this builder
     */
    public Builder clientCertificate(InputStream p12, String password) {
      requireNonNull(p12, "p12");
      this.clientIdentity = KeyMaterial.clientIdentity(p12, password, "the given stream");
      return this;
    }

    /**
     * Trusts these certificates for the server instead of the JDK's trust store: for a test peer
     * or a TLS-inspecting proxy. Replaces an earlier {@link #trustStore}.
     *
     * @param certificates one or more certificates
     * @return this builder
     */
    public Builder trustedServerCertificates(X509Certificate... certificates) {
      requireNonNull(certificates, "certificates");
      if (certificates.length == 0) {
        throw new IllegalArgumentException("give at least one trusted certificate");
      }
      this.trusted = List.copyOf(Arrays.asList(certificates));
      return this;
    }

    /**
     * Trusts the certificates in this store for the server instead of the JDK's trust store.
     * Replaces earlier {@link #trustedServerCertificates}.
     *
     * @param trustStore a loaded key store with at least one certificate
     * @return this builder
     */
    public Builder trustStore(KeyStore trustStore) {
      requireNonNull(trustStore, "trustStore");
      this.trusted = KeyMaterial.certificates(trustStore);
      return this;
    }

    /**
     * Sets the default topic.
     *
     * @param topic the default apns-topic, normally the app's bundle id: printable ASCII without
     *     spaces, at most 255 characters; a notification may name another with
     *     {@link ApnsOptions#topic()}. Default none: then every notification must.
     * @return this builder
     */
    public Builder topic(String topic) {
      requireNonNull(topic, "topic");
      if (topic.isBlank() || topic.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("topic must be a bundle id without spaces: '" + topic
            + "'");
      }
      // Checked as validate checks it per notification, so a bad default fails here, not on
      // every send.
      String problem = HeaderRules.problem("apns-topic", topic, HeaderRules.MAX_TOPIC_CHARS);
      if (problem != null) {
        throw new IllegalArgumentException("topic " + problem);
      }
      this.topic = topic;
      return this;
    }

    /**
     * Sets the number of connections.
     *
     * @param connections how many HTTP/2 connections to keep to APNs; default 1, which carries
     *     thousands of notifications per second
     * @return this builder
     */
    public Builder connections(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("connections must be positive: " + connections);
      }
      this.connections = connections;
      return this;
    }

    /**
     * Runs the connections on the caller's event loop group, which {@link ApnsChannel#close()}
     * leaves running. Default: the channel creates its own (one thread per connection, at most one
     * per core, named {@code notify-<name>-<n>}) and shuts it down on close.
     *
     * @param group a {@code NioEventLoopGroup}, {@code EpollEventLoopGroup} or
     *     {@code KQueueEventLoopGroup} (what pushy 0.15 supports)
     * @return this builder
     */
    public Builder eventLoopGroup(EventLoopGroup group) {
      this.eventLoopGroup = requireNonNull(group, "group");
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param timeout how long one connection attempt may take; default 10 s
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requirePositive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the request timeout.
     *
     * @param timeout how long {@link ApnsChannel#send} waits for APNs' answer before completing
     *     retryable (timed on the context's scheduler); default 30 s
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = requirePositive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the expiration used when a notification has none.
     *
     * @param expiration how long APNs stores a notification for an offline device when the
     *     notification has no {@code expiresAt}; zero means "deliver now or never"; default 1 day
     * @return this builder
     */
    public Builder defaultExpiration(Duration expiration) {
      requireNonNull(expiration, "expiration");
      if (expiration.isNegative()) {
        throw new IllegalArgumentException("defaultExpiration must not be negative: "
            + expiration);
      }
      this.defaultExpiration = expiration;
      return this;
    }

    /**
     * Sets the shutdown timeout.
     *
     * @param timeout how long {@link ApnsChannel#close()} waits for answers in flight; default 10 s
     * @return this builder
     */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = requirePositive(timeout, "shutdownTimeout");
      return this;
    }

    private static Duration requirePositive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    /**
     * {@return the channel; it connects on the first send}
     *
     * @throws IllegalStateException if the environment or the authentication is missing or
     *     ambiguous, saying how to fix it
     * @throws IllegalArgumentException if pushy cannot use the given event loop group
     */
    public ApnsChannel build() {
      if (host == null) {
        throw new IllegalStateException("no APNs environment: call production(), development()"
            + " or server(host, port)");
      }
      if (signingKey == null && clientIdentity == null) {
        throw new IllegalStateException("no APNs credentials: call tokenAuth(p8File, teamId,"
            + " keyId) with the .p8 signing key from your developer account, or"
            + " clientCertificate(p12File, password) with a push certificate");
      }
      if (signingKey != null && clientIdentity != null) {
        throw new IllegalStateException("both tokenAuth(...) and clientCertificate(...) are"
            + " set; APNs takes one per connection: keep tokenAuth (recommended) or the"
            + " certificate, not both");
      }
      X509Certificate certificate = clientIdentity == null ? null : clientIdentity.certificate();
      PrivateKey key = clientIdentity == null ? null : clientIdentity.key();
      ApnsSettings settings = new ApnsSettings(name, host, port, signingKey, certificate, key,
          trusted, topic, connections, eventLoopGroup, connectTimeout, requestTimeout,
          defaultExpiration, shutdownTimeout);
      return new ApnsChannel(name, new ApnsSender(settings));
    }
  }
}
