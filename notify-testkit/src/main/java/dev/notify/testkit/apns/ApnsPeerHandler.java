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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The APNs side of {@link MockApnsPeer} on pushy's {@code MockApnsServer}: authentication as APNs
 * does it, the answer the peer's script gives for each device token (reject, unregistered, hang
 * or accept), and the record of each push once answered. Runs on the peer's Netty threads;
 * thread-safe.
 */
final class ApnsPeerHandler implements PushNotificationHandlerFactory, MockApnsServerListener {
  private static final String PATH_PREFIX = "/3/device/";
  /** APNs refuses provider tokens older than an hour. */
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  private final ApnsVerificationKey verificationKey;
  private final boolean verifyTokens;
  private final Function<String, PeerResponse> answers;
  private final Consumer<Supplier<ReceivedPush>> record;

  private final Set<String> verifiedTokens = ConcurrentHashMap.newKeySet();
  private volatile CountDownLatch hangRelease = new CountDownLatch(1);
  private final AtomicInteger hanging = new AtomicInteger();

  /** Takes each token's answer from {@code answers}; gives each answered push to {@code record}. */
  ApnsPeerHandler(ApnsVerificationKey verificationKey, boolean verifyTokens,
      Function<String, PeerResponse> answers, Consumer<Supplier<ReceivedPush>> record) {
    this.verificationKey = verificationKey;
    this.verifyTokens = verifyTokens;
    this.answers = answers;
    this.record = record;
  }

  void releaseHung() {
    CountDownLatch release = hangRelease;
    hangRelease = new CountDownLatch(1);
    release.countDown();
  }

  /** @return how many pushes hang at the moment */
  int hanging() {
    return hanging.get();
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
    PeerResponse response = answers.apply(token(headers));
    if (response instanceof PeerResponse.Reject reject) {
      throw new RejectedNotificationException(reject.reason());
    }
    if (response instanceof PeerResponse.Unregistered unregistered) {
      throw new UnregisteredDeviceTokenException(unregistered.invalidatedAt());
    }
    if (response instanceof PeerResponse.Hang hang) {
      CountDownLatch release = hangRelease;
      hanging.incrementAndGet();
      try {
        release.await(hang.max().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        hanging.decrementAndGet();
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
    record.accept(() -> {
      CharSequence authorization = headers.get("authorization");
      return new ReceivedPush(token(headers), text(headers, "apns-topic"),
          text(headers, "apns-push-type"), headers.getInt("apns-priority"),
          text(headers, "apns-id"), text(headers, "apns-collapse-id"),
          headers.getLong("apns-expiration"),
          payload == null ? "" : payload.toString(StandardCharsets.UTF_8),
          authorization != null && authorization.toString().startsWith("bearer "), outcome);
    });
  }

  private static String text(Http2Headers headers, String name) {
    CharSequence value = headers.get(name);
    return value == null ? null : value.toString();
  }
}
