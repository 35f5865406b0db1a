package dev.notify.fcm.internal;

import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's Firebase app and its sends. The app is named ({@code notify-fcm-<name>-<n>}),
 * never the default app a host may own, with the channel's own {@link FcmThreads} and the
 * transport wrapped in a {@link CountingTransport}. {@link #close()} deletes it.
 */
public final class FcmSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FcmSender.class);
  private static final AtomicLong APPS = new AtomicLong();

  private final FcmSettings settings;
  private final FirebaseApp app;
  private final FirebaseMessaging messaging;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the app.
   *
   * @param settings the checked settings
   */
  public FcmSender(FcmSettings settings) {
    this.settings = settings;
    FirebaseOptions.Builder options = FirebaseOptions.builder()
        .setCredentials(settings.credentials())
        .setProjectId(settings.projectId())
        .setThreadManager(new FcmThreads(settings.name()))
        .setConnectTimeout(millis(settings.connectTimeout().toMillis()))
        .setReadTimeout(millis(settings.readTimeout().toMillis()));
    if (settings.writeTimeout() != null) {
      options.setWriteTimeout(millis(settings.writeTimeout().toMillis()));
    }
    if (settings.transport() != null) {
      options.setHttpTransport(settings.transport());
    }
    FirebaseOptions built = options.build();
    FirebaseOptions counted = built.toBuilder()
        .setHttpTransport(new CountingTransport(built.getHttpTransport())).build();
    this.app = FirebaseApp.initializeApp(counted,
        "notify-fcm-" + settings.name() + "-" + APPS.incrementAndGet());
    this.messaging = FirebaseMessaging.getInstance(app);
  }

  /** The builder keeps timeouts below 2^31 ms, as firebase-admin's int setters need. */
  private static int millis(long ms) {
    return Math.toIntExact(ms);
  }

  /**
   * {@return the first rule the message breaks, or {@code null}}
   *
   * @param message the message
   */
  public @Nullable Violation check(OutboundMessage message) {
    return MessageChecks.check(message);
  }

  /**
   * Sends one delivery on the calling thread (the lane's blocking pool), blocking until FCM
   * answers or the SDK's last allowed retry is answered.
   *
   * @param delivery the delivery
   * @param now the lane clock's time, for the TTL and an HTTP-date Retry-After
   * @return the classified result
   */
  public DeliveryResult send(Delivery delivery, Instant now) {
    Violation v = MessageChecks.check(delivery.message());
    if (v != null) {
      return v.toResult();
    }
    Message message;
    try {
      message = MessageFactory.build(delivery.message(), now);
    } catch (IllegalArgumentException e) {
      // firebase-admin's own checks, beyond ours: permanent, and its message names no token.
      return DeliveryResult.permanent("firebase-admin refused the message: " + e.getMessage());
    }
    CountingTransport.Exchange exchange = CountingTransport.begin(1 + settings.sdkRetries());
    try {
      return DeliveryResult.sent(messaging.send(message));
    } catch (FirebaseMessagingException e) {
      return FcmClassifier.classify(e, exchange, now);
    } finally {
      CountingTransport.end();
    }
  }

  /** {@return the name of the channel's Firebase app} */
  public String appName() {
    return app.getName();
  }

  /** Deletes the app. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        app.delete();
      } catch (RuntimeException e) {
        LOG.warn("FCM channel {}: deleting its Firebase app failed", settings.name(), e);
      }
    }
  }

  @Override
  public String toString() {
    return settings + ", app=" + app.getName();
  }
}
