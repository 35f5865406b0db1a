package dev.notify.testkit.apns;

import static java.util.Objects.requireNonNull;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLException;

/**
 * A local APNs for tests: pushy's {@code MockApnsServer} over HTTP/2 and TLS on a free port of
 * {@code localhost}, with generated throwaway key material, provider-token verification as APNs
 * does it, scriptable answers per device token, and a record of every push it answered.
 *
 * <pre>{@code
 * try (MockApnsPeer peer = MockApnsPeer.start()) {
 *   ApnsPeerCredentials c = peer.credentials();
 *   // point any APNs client at c.host():c.port(), trust c.trustedCertificate(),
 *   // sign with c.signingKey() / c.teamId() / c.keyId(), topic c.topic()
 *   peer.respond(token, PeerResponse.reject(RejectionReason.SERVICE_UNAVAILABLE),
 *       PeerResponse.accept());                       // fails once, then accepts
 *   ...
 *   assertThat(peer.received()).extracting(ReceivedPush::topic).containsOnly(c.topic());
 * }
 * }</pre>
 *
 * <p>Unscripted tokens get the default answer ({@link PeerResponse#accept()} unless changed with
 * {@link #respondByDefault}). {@link #stop()} and {@link #restart()} simulate an outage on the
 * same port. Needs pushy on the test class path (notify-apns brings it). Thread-safe.
 */
public final class MockApnsPeer implements AutoCloseable {
  private final boolean clientCertificateAuth;
  private final int maxConcurrentStreams;
  private final ApnsPeerCredentials credentials;
  private final PeerScript script;
  private final EventLoopGroup group;
  private final int port;
  private MockApnsServer server;

  private MockApnsPeer(Builder config) {
    this.clientCertificateAuth = config.clientCertificateAuth;
    this.maxConcurrentStreams = config.maxConcurrentStreams;
    KeyPair signing = PeerKeyMaterial.signingKeyPair();
    PeerKeyMaterial.Identity server = PeerKeyMaterial.server();
    PeerKeyMaterial.Identity client = config.clientCertificateAuth ? PeerKeyMaterial.client() : null;
    try {
      this.script = new PeerScript(new ApnsVerificationKey(config.keyId, config.teamId,
          (ECPublicKey) signing.getPublic()), config.verifyTokens, config.record);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    this.group = newGroup();
    try {
      this.server = newServer(server, client);
      this.port = bind(server(), config.port, Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
    this.credentials = new ApnsPeerCredentials("localhost", port, server.certificate(),
        (ECPrivateKey) signing.getPrivate(), config.teamId, config.keyId, config.topic, client);
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

  private MockApnsServer newServer(PeerKeyMaterial.Identity server,
      PeerKeyMaterial.Identity client) {
    MockApnsServerBuilder builder = new MockApnsServerBuilder()
        .setServerCredentials(new X509Certificate[] {server.certificate()}, server.key(), null)
        .setHandlerFactory(script)
        .setListener(script)
        .setEventLoopGroup(group)
        .setMaxConcurrentStreams(maxConcurrentStreams);
    if (client != null) {
      // pushy's misnamed setter: these are the client certificates the server trusts.
      builder.setTrustedServerCertificateChain(client.certificate());
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalStateException("could not set up the peer's TLS", e);
    }
  }

  private synchronized MockApnsServer server() {
    return server;
  }

  private static int bind(MockApnsServer server, int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return server.start(port).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        // The old socket may linger for a moment after a stop; try again until the deadline.
        if (port == 0 || System.nanoTime() > deadline) {
          throw new IllegalStateException("the peer could not listen on port " + port, e);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      } catch (TimeoutException e) {
        throw new IllegalStateException("the peer did not start within " + timeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the peer", e);
      }
    }
  }

  /** {@return what a client needs to connect and authenticate} */
  public ApnsPeerCredentials credentials() {
    return credentials;
  }

  /** {@return {@code "localhost"}} */
  public String host() {
    return credentials.host();
  }

  /** {@return the port, the same across {@link #restart()}} */
  public int port() {
    return port;
  }

  /**
   * Scripts the answers for one device token: each response is used once in order, and the last
   * one for every later push to the token.
   *
   * @param token the device token
   * @param responses one or more responses
   */
  public void respond(String token, PeerResponse... responses) {
    requireNonNull(token, "token");
    script.respond(token, responses);
  }

  /**
   * Sets the answer for tokens without a script.
   *
   * @param response the answer for tokens without a script; initially {@link PeerResponse#accept()}
   */
  public void respondByDefault(PeerResponse response) {
    script.respondByDefault(requireNonNull(response, "response"));
  }

  /** Forgets every script and answers everything with accept again. */
  public void resetScript() {
    script.resetScript();
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
    try {
      if (!script.awaitHanging(count, timeout)) {
        throw new AssertionError("fewer than " + count + " pushes were hanging at the APNs peer"
            + " within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for hanging pushes", e);
    }
  }

  /**
   * Lets every push that is hanging now (see {@link PeerResponse#hang()}) go on; pushes that
   * arrive later hang again.
   */
  public void releaseHung() {
    script.releaseHung();
  }

  /** {@return every push answered so far (empty if the peer was built without recording)} */
  public List<ReceivedPush> received() {
    return script.received();
  }

  /** {@return how many pushes were answered so far, recorded or not} */
  public long receivedCount() {
    return script.count();
  }

  /** Forgets what was received. */
  public void clearReceived() {
    script.clearReceived();
  }

  /**
   * Waits until at least {@code count} pushes were answered since the last
   * {@link #clearReceived()}.
   *
   * @param count how many answered pushes to wait for
   * @param timeout how long to wait at most
   * @return what was received
   * @throws AssertionError if they did not arrive in time
   */
  public List<ReceivedPush> awaitReceived(long count, Duration timeout) {
    try {
      if (!script.awaitCount(count, timeout)) {
        throw new AssertionError("the APNs peer answered " + script.count() + " of " + count
            + " pushes within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for pushes", e);
    }
    return received();
  }

  /** {@return true between start and {@link #stop()}, and after {@link #restart()}} */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * Closes every connection and stops listening: clients see their connections drop and new ones
   * refused. Hanging pushes are released first.
   */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    script.releaseHung();
    try {
      server.shutdown().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the peer", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the peer did not stop", e);
    } finally {
      server = null;
    }
  }

  /** Listens again on the same port with the same material and script (stops first if needed). */
  public synchronized void restart() {
    stop();
    MockApnsServer fresh = newServer(PeerKeyMaterial.server(),
        clientCertificateAuth ? PeerKeyMaterial.client() : null);
    bind(fresh, port, Duration.ofSeconds(10));
    server = fresh;
  }

  /** Stops the peer and its threads. */
  @Override
  public void close() {
    try {
      stop();
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return "MockApnsPeer[" + credentials + ", running=" + isRunning() + "]";
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
      return new MockApnsPeer(this);
    }
  }
}
