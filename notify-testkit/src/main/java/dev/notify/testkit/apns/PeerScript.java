package dev.notify.testkit.apns;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.auth.AuthenticationToken;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The peer's behaviour: authentication as APNs does it, the scripted answers, and the record of
 * what arrived. Runs on the peer's Netty threads; thread-safe.
 */
final class PeerScript implements PushNotificationHandlerFactory, MockApnsServerListener {
  private static final String PATH_PREFIX = "/3/device/";
  /** APNs refuses provider tokens older than an hour. */
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  private final ApnsVerificationKey verificationKey;
  private final boolean verifyTokens;
  private final boolean record;

  private final Map<String, ConcurrentLinkedDeque<PeerResponse>> byToken =
      new ConcurrentHashMap<>();
  private volatile PeerResponse fallback = PeerResponse.accept();
  private final Set<String> verifiedTokens = ConcurrentHashMap.newKeySet();
  private volatile CountDownLatch hangRelease = new CountDownLatch(1);

  private final Object lock = new Object();
  private final List<ReceivedPush> received = new ArrayList<>();
  private long count;
  private int hanging;

  PeerScript(ApnsVerificationKey verificationKey, boolean verifyTokens, boolean record) {
    this.verificationKey = verificationKey;
    this.verifyTokens = verifyTokens;
    this.record = record;
  }

  void respond(String token, PeerResponse... responses) {
    if (responses.length == 0) {
      throw new IllegalArgumentException("give at least one response");
    }
    byToken.put(token, new ConcurrentLinkedDeque<>(Arrays.asList(responses)));
  }

  void respondByDefault(PeerResponse response) {
    fallback = response;
  }

  void resetScript() {
    byToken.clear();
    fallback = PeerResponse.accept();
  }

  void releaseHung() {
    CountDownLatch release = hangRelease;
    hangRelease = new CountDownLatch(1);
    release.countDown();
  }

  /** The next scripted response: each is used once, except the last, which stays. */
  private PeerResponse next(String token) {
    ConcurrentLinkedDeque<PeerResponse> script = byToken.get(token);
    if (script == null) {
      return fallback;
    }
    synchronized (script) {
      return script.size() > 1 ? script.poll() : script.peek();
    }
  }

  @Override
  public PushNotificationHandler buildHandler(SSLSession session) {
    boolean certificateAuthenticated = hasClientCertificate(session);
    return (headers, payload) -> handle(headers, certificateAuthenticated);
  }

  private static boolean hasClientCertificate(SSLSession session) {
    try {
      return session.getPeerCertificates().length > 0;
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  private void handle(Http2Headers headers, boolean certificateAuthenticated)
      throws RejectedNotificationException {
    if (!certificateAuthenticated) {
      checkProviderToken(headers);
    }
    if (headers.get("apns-topic") == null) {
      throw new RejectedNotificationException(RejectionReason.MISSING_TOPIC);
    }
    PeerResponse response = next(token(headers));
    if (response instanceof PeerResponse.Reject reject) {
      throw new RejectedNotificationException(reject.reason());
    }
    if (response instanceof PeerResponse.Unregistered unregistered) {
      throw new UnregisteredDeviceTokenException(unregistered.invalidatedAt());
    }
    if (response instanceof PeerResponse.Hang hang) {
      CountDownLatch release = hangRelease;
      changeHanging(1);
      try {
        release.await(hang.max().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        changeHanging(-1);
      }
    }
  }

  private void checkProviderToken(Http2Headers headers) throws RejectedNotificationException {
    CharSequence authorization = headers.get("authorization");
    if (authorization == null || !authorization.toString().startsWith("bearer ")) {
      throw new RejectedNotificationException(RejectionReason.MISSING_PROVIDER_TOKEN);
    }
    if (!verifyTokens) {
      return;
    }
    String encoded = authorization.toString().substring("bearer ".length()).trim();
    // pushy reuses one token per connection for up to 50 minutes: verify each token once.
    if (verifiedTokens.contains(encoded)) {
      return;
    }
    AuthenticationToken token;
    try {
      token = new AuthenticationToken(encoded);
    } catch (RuntimeException e) {
      throw new RejectedNotificationException(RejectionReason.INVALID_PROVIDER_TOKEN);
    }
    if (!verificationKey.getKeyId().equals(token.getKeyId())
        || !verificationKey.getTeamId().equals(token.getTeamId())
        || !token.verifySignature(verificationKey)) {
      throw new RejectedNotificationException(RejectionReason.INVALID_PROVIDER_TOKEN);
    }
    if (Instant.now().isAfter(token.getIssuedAt().plus(TOKEN_LIFETIME))) {
      throw new RejectedNotificationException(RejectionReason.EXPIRED_PROVIDER_TOKEN);
    }
    verifiedTokens.add(encoded);
  }

  private static String token(Http2Headers headers) {
    CharSequence path = headers.path();
    String text = path == null ? "" : path.toString();
    return text.startsWith(PATH_PREFIX) ? text.substring(PATH_PREFIX.length()) : text;
  }

  @Override
  public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
    recordPush(headers, payload, ReceivedPush.ACCEPTED);
  }

  @Override
  public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload,
      RejectionReason reason, Instant invalidatedAt) {
    recordPush(headers, payload, PeerResponse.appleReason(reason));
  }

  private void recordPush(Http2Headers headers, ByteBuf payload, String outcome) {
    ReceivedPush push = null;
    if (record) {
      CharSequence authorization = headers.get("authorization");
      push = new ReceivedPush(token(headers), text(headers, "apns-topic"),
          text(headers, "apns-push-type"), headers.getInt("apns-priority"),
          text(headers, "apns-id"), text(headers, "apns-collapse-id"),
          headers.getLong("apns-expiration"),
          payload == null ? "" : payload.toString(StandardCharsets.UTF_8),
          authorization != null && authorization.toString().startsWith("bearer "), outcome);
    }
    synchronized (lock) {
      count++;
      if (push != null) {
        received.add(push);
      }
      lock.notifyAll();
    }
  }

  private static String text(Http2Headers headers, String name) {
    CharSequence value = headers.get(name);
    return value == null ? null : value.toString();
  }

  private void changeHanging(int delta) {
    synchronized (lock) {
      hanging += delta;
      lock.notifyAll();
    }
  }

  /** @return true if at least {@code atLeast} pushes were hanging before the deadline */
  boolean awaitHanging(int atLeast, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (hanging < atLeast) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  List<ReceivedPush> received() {
    synchronized (lock) {
      return List.copyOf(received);
    }
  }

  long count() {
    synchronized (lock) {
      return count;
    }
  }

  void clearReceived() {
    synchronized (lock) {
      received.clear();
      count = 0;
    }
  }

  /** @return true if at least {@code atLeast} pushes were answered before the deadline */
  boolean awaitCount(long atLeast, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (count < atLeast) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }
}
