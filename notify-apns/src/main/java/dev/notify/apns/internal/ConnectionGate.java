package dev.notify.apns.internal;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientMetricsListener;
import dev.notify.spi.DeliveryResult;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps sends out of pushy while APNs cannot be reached. Pushy queues every send while it has no
 * connection and fails them one at a time, each after a reconnect delay that doubles up to 60 s;
 * a full lane would sit in that queue for minutes and then go out late, after the engine has
 * already retried them. So once as many connection attempts as the channel has connections have
 * failed without an answer from APNs in between, one send at a time goes to pushy as a probe and
 * the others are answered at once with {@link DeliveryResult.ChannelUnavailable}: the lane pauses
 * and nothing is spent from the deliveries' attempts. A new connection, or any answer from APNs,
 * opens the gate again. With several connections, one that cannot be re-created while the others
 * answer never closes the gate.
 *
 * <p>Called from the lane's threads and pushy's event loop; lock-free.
 */
final class ConnectionGate implements ApnsClientMetricsListener {
  /** What {@link #admit()} decided. */
  enum Admission {
    /** The gate is open. */
    PASS,
    /** The gate is closed and this send is the probe. */
    PROBE,
    /** The gate is closed and a probe is under way: do not send. */
    REFUSED
  }

  private final int threshold;
  private final AtomicInteger failuresSinceAnswer = new AtomicInteger();
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile DeliveryResult down;

  /** @param connections the channel's number of connections */
  ConnectionGate(int connections) {
    this.threshold = connections;
  }

  Admission admit() {
    if (down == null) {
      return Admission.PASS;
    }
    return probing.compareAndSet(false, true) ? Admission.PROBE : Admission.REFUSED;
  }

  /** @return what a refused send returns: the channel is unavailable, with the last cause */
  DeliveryResult refusal() {
    DeliveryResult last = down;
    return last != null ? last : DeliveryResult.channelUnavailable("APNs unreachable", null);
  }

  /**
   * Records how an admitted send ended. Pushy reports a failed connection attempt to
   * {@link #handleConnectionCreationFailed} before it fails the send that waited for it, so the
   * count is up to date here and the send's failure only adds its cause.
   *
   * @param admission what {@link #admit()} said for it
   * @param answered true if APNs answered (accepted or rejected)
   * @param failure the failure if it did not, else {@code null}
   * @param classified the failure's classification, or {@code null}
   * @return what the send reports: {@code classified}, except for a probe that could not connect
   *     while every connection is down, which was certainly not sent and reports the channel
   *     unavailable, so that the lane stays paused and the delivery spends no attempt
   */
  DeliveryResult completed(Admission admission, boolean answered, Throwable failure,
      DeliveryResult classified) {
    if (answered) {
      open();
    } else if (down != null && failure != null && ResponseClassifier.isConnectFailure(failure)) {
      boolean configuration = classified instanceof DeliveryResult.ChannelUnavailable unavailable
          && unavailable.configurationError();
      String reason = "APNs unreachable, not sent: " + reasonOf(classified);
      down = configuration ? DeliveryResult.configurationError(reason)
          : DeliveryResult.channelUnavailable(reason, null);
    }
    if (admission == Admission.PROBE) {
      probing.set(false);
      DeliveryResult stillDown = down;
      if (!answered && stillDown != null && failure != null
          && ResponseClassifier.isConnectFailure(failure)) {
        return stillDown;
      }
    }
    return classified;
  }

  private void open() {
    failuresSinceAnswer.set(0);
    down = null;
  }

  private static String reasonOf(DeliveryResult result) {
    if (result instanceof DeliveryResult.Retryable r) {
      return r.reason();
    }
    if (result instanceof DeliveryResult.ChannelUnavailable u) {
      return u.reason();
    }
    return String.valueOf(result);
  }

  @Override
  public void handleConnectionAdded(ApnsClient apnsClient) {
    open();
  }

  @Override
  public void handleConnectionRemoved(ApnsClient apnsClient) {
    // Not a usable signal: pushy reports it only when it finds a dead idle connection, which it
    // may replace without ever looking at it.
  }

  @Override
  public void handleConnectionCreationFailed(ApnsClient apnsClient) {
    if (failuresSinceAnswer.incrementAndGet() >= threshold && down == null) {
      down = DeliveryResult.channelUnavailable(
          "APNs unreachable, not sent: a connection attempt failed", null);
    }
  }

  @Override
  public void handleWriteFailure(ApnsClient apnsClient, long notificationId) {
  }

  @Override
  public void handleNotificationSent(ApnsClient apnsClient, long notificationId) {
  }

  @Override
  public void handleNotificationAccepted(ApnsClient apnsClient, long notificationId) {
  }

  @Override
  public void handleNotificationRejected(ApnsClient apnsClient, long notificationId) {
  }
}
