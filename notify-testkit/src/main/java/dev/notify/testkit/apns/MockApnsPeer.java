package dev.notify.testkit.apns;

import static java.util.Objects.requireNonNull;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.RejectionReason;
import dev.notify.Recipient;
import dev.notify.testkit.Await;
import dev.notify.testkit.KitPeer;
import dev.notify.testkit.ProviderPeer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A local APNs for tests: pushy's {@code MockApnsServer} over HTTP/2 and TLS on a free port of
 * {@code localhost}, with generated throwaway key material, provider-token verification as APNs
 * does it, scriptable answers per device token, and a record of every push it answered. A
 * {@link ProviderPeer}: scripts, records, waits, stop and restart work as there.
 *
 * <pre>{@code
 * try (MockApnsPeer peer = MockApnsPeer.start()) {
 *   ApnsPeerCredentials c = peer.credentials();
 *   // point any APNs client at c.host():c.port(), trust c.trustedCertificate(),
 *   // sign with c.signingKey() / c.teamId() / c.keyId(), topic c.topic()
 *   peer.respond(token, PeerResponse.reject(RejectionReason.SERVICE_UNAVAILABLE),
 *       PeerResponse.accept());                       // fails once, then accepts
 *   ...
 *   assertThat(peer.awaitReceived(2, Duration.ofSeconds(10)))
 *       .extracting(ReceivedPush::topic).containsOnly(c.topic());
 * }
 * }</pre>
 *
 * <p>In JUnit 5, {@code @RegisterExtension static final ProviderPeerExtension<MockApnsPeer> APNS =
 * ProviderPeerExtension.of(MockApnsPeer::start);} starts one for the test class and hands it to
 * test methods that declare a {@code MockApnsPeer} parameter.
 *
 * <p>Unscripted tokens get the default answer ({@link PeerResponse#accept()} unless changed with
 * {@link #respondByDefault}). {@link #stop()} and {@link #restart()} simulate an outage on the
 * same port. Needs pushy on the test class path (notify-apns brings it). Thread-safe.
 */
public final class MockApnsPeer extends ProviderPeer<PeerResponse, ReceivedPush> {
  private final boolean clientCertificateAuth;
  private final int maxConcurrentStreams;
  private final KeyPair signing;
  private final String teamId;
  private final String keyId;
  private final String topic;
  private final ApnsPeerHandler handler;
  private final EventLoopGroup group;
  private volatile ApnsPeerCredentials credentials;
  /** The running server: pushy's cannot start again once shut down, so each start makes one. */
  private volatile MockApnsServer server;

  private MockApnsPeer(Builder config) {
    super(PeerResponse.accept(), config.port, config.record);
    this.teamId = config.teamId;
    this.keyId = config.keyId;
    this.topic = config.topic;
    this.clientCertificateAuth = config.clientCertificateAuth;
    this.maxConcurrentStreams = config.maxConcurrentStreams;
    this.signing = PeerKeyMaterial.signingKeyPair();
    try {
      this.handler = new ApnsPeerHandler(new ApnsVerificationKey(config.keyId, config.teamId,
          (ECPublicKey) signing.getPublic()), config.verifyTokens, this::nextAnswer,
          this::received);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    this.group = newGroup();
  }

  /** {@return a running peer with the defaults of {@link Builder}} */
  public static MockApnsPeer start() {
    return builder().start();
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  @SuppressWarnings("deprecation") // NioEventLoopGroup: deprecated in Netty 4.2; pushy needs it
  private static EventLoopGroup newGroup() {
    return new NioEventLoopGroup(2);
  }

  /** Builds a server with the peer's material and listens on {@code port}. */
  @Override
  protected int bind(int port) throws Exception {
    PeerKeyMaterial.Identity identity = PeerKeyMaterial.server();
    MockApnsServerBuilder builder = new MockApnsServerBuilder()
        .setServerCredentials(new X509Certificate[] {identity.certificate()}, identity.key(), null)
        .setHandlerFactory(handler)
        .setListener(handler)
        .setEventLoopGroup(group)
        .setMaxConcurrentStreams(maxConcurrentStreams);
    if (clientCertificateAuth) {
      // pushy's misnamed setter: these are the client certificates the server trusts.
      builder.setTrustedServerCertificateChain(PeerKeyMaterial.client().certificate());
    }
    MockApnsServer fresh;
    try {
      fresh = builder.build();
    } catch (SSLException e) {
      throw new IllegalStateException("could not set up the peer's TLS", e);
    }
    int bound = fresh.start(port).get(10, TimeUnit.SECONDS);
    server = fresh;
    return bound;
  }

  /** Releases hanging pushes, then shuts the server down. */
  @Override
  protected void unbind() throws Exception {
    handler.releaseHung();
    MockApnsServer current = server;
    server = null;
    if (current != null) {
      current.shutdown().get(10, TimeUnit.SECONDS);
    }
  }

  /** Stops the event loops. */
  @Override
  protected void release() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /**
   * The compatibility kit on APNs' own answers: permanent {@code BadExpirationDate} (400);
   * transient {@code TooManyRequests} (429), then accept; address invalid 410
   * {@code Unregistered} with its timestamp; unavailable: every push answered
   * {@code InvalidProviderToken} (403), a configuration error; too large: a body that takes the
   * payload past Apple's 4,096 bytes; addresses: 64-digit hexadecimal tokens.
   */
  @Override
  protected KitPeer kit() {
    return KitPeer.scripting(this)
        .addresses(i -> Recipient.apnsToken(String.format(Locale.ROOT, "%064x", 0xC0FFEEL + i)))
        .content(n -> n.title("Hello").body("A compatibility kit message"))
        .oversizedContent(n -> n.title("Hello").body("x".repeat(5_000)))
        .accept(PeerResponse.accept())
        .permanentRejection(PeerResponse.reject(RejectionReason.BAD_EXPIRATION_DATE))
        .transientFailure(PeerResponse.reject(RejectionReason.TOO_MANY_REQUESTS))
        .addressInvalidSince(PeerResponse::unregistered)
        .channelUnavailable(PeerResponse.reject(RejectionReason.INVALID_PROVIDER_TOKEN))
        .build();
  }

  /** {@return what a client needs to connect and authenticate} */
  public ApnsPeerCredentials credentials() {
    return credentials;
  }

  /** {@return {@code "localhost"}} */
  public String host() {
    return credentials.host();
  }

  /**
   * Waits until at least {@code count} pushes are hanging at the peer (see
   * {@link PeerResponse#hang()}): the request has certainly arrived.
   *
   * @param count how many hanging pushes to wait for
   * @param timeout how long to wait at most
   * @throws AssertionError if they did not arrive in time
   */
  public void awaitHanging(int count, Duration timeout) {
    Await.atMost(timeout).untilAtLeast(count, "pushes hanging at the APNs peer",
        handler::hanging);
  }

  /**
   * Lets every push that is hanging now (see {@link PeerResponse#hang()}) go on; pushes that
   * arrive later hang again.
   */
  public void releaseHung() {
    handler.releaseHung();
  }

  /** Also lets hanging pushes go on. */
  @Override
  public void reset() {
    releaseHung();
    super.reset();
  }

  @Override
  protected String name() {
    return "the APNs peer";
  }

  @Override
  public String toString() {
    return "MockApnsPeer[" + credentials + ", running=" + isRunning() + "]";
  }

  private MockApnsPeer started() {
    try {
      startListening();
      credentials = new ApnsPeerCredentials("localhost", port(),
          PeerKeyMaterial.server().certificate(), (ECPrivateKey) signing.getPrivate(),
          teamId, keyId, topic,
          clientCertificateAuth ? PeerKeyMaterial.client() : null);
      return this;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** Configures a {@link MockApnsPeer}. */
  public static final class Builder {
    private int port;
    private String teamId = "NOTIFYTEAM";
    private String keyId = "NOTIFYKEY1";
    private String topic = "dev.notify.example";
    private boolean verifyTokens = true;
    private boolean record = true;
    private boolean clientCertificateAuth;
    private int maxConcurrentStreams = 1500;

    private Builder() {
    }

    /**
     * Sets the port.
     *
     * @param port the port; default 0, a free one
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the team id.
     *
     * @param teamId the team id in provider tokens; default {@code NOTIFYTEAM}
     * @return this builder
     */
    public Builder teamId(String teamId) {
      this.teamId = requireNonNull(teamId, "teamId");
      return this;
    }

    /**
     * Sets the key id.
     *
     * @param keyId the key id in provider tokens; default {@code NOTIFYKEY1}
     * @return this builder
     */
    public Builder keyId(String keyId) {
      this.keyId = requireNonNull(keyId, "keyId");
      return this;
    }

    /**
     * Sets the topic.
     *
     * @param topic the topic the credentials suggest; default {@code dev.notify.example}
     * @return this builder
     */
    public Builder topic(String topic) {
      this.topic = requireNonNull(topic, "topic");
      return this;
    }

    /**
     * Turns provider-token verification on or off.
     *
     * @param verify verify each provider token's ES256 signature, key id, team id and age (once
     *     per distinct token, as pushy reuses one per connection); default true. A request
     *     without a token is always rejected with MissingProviderToken.
     * @return this builder
     */
    public Builder verifyTokens(boolean verify) {
      this.verifyTokens = verify;
      return this;
    }

    /**
     * Turns recording of received pushes on or off.
     *
     * @param record keep every push for {@link MockApnsPeer#received()}; default true
     * @return this builder
     */
    public Builder record(boolean record) {
      this.record = record;
      return this;
    }

    /**
     * Turns client-certificate authentication on or off.
     *
     * @param enabled also accept TLS client-certificate authentication with a generated
     *     certificate, offered as {@link ApnsPeerCredentials#clientCertificateP12()}; default false
     * @return this builder
     */
    public Builder clientCertificateAuth(boolean enabled) {
      this.clientCertificateAuth = enabled;
      return this;
    }

    /**
     * Sets the HTTP/2 stream limit.
     *
     * @param streams HTTP/2 streams per connection; default 1500, as APNs announces
     * @return this builder
     */
    public Builder maxConcurrentStreams(int streams) {
      if (streams < 1) {
        throw new IllegalArgumentException("maxConcurrentStreams must be positive: " + streams);
      }
      this.maxConcurrentStreams = streams;
      return this;
    }

    /** {@return a running peer} */
    public MockApnsPeer start() {
      return new MockApnsPeer(this).started();
    }
  }
}
