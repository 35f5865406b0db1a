package dev.notify.internal.engine;

import dev.notify.event.AcceptedEvent;
import dev.notify.event.DeliveryEvent;
import dev.notify.event.EventType;
import dev.notify.event.LaneEvent;
import dev.notify.event.NotificationEvent;
import dev.notify.event.NotificationListener;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.status.Receipt;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to listeners; a listener's exception is logged and never reaches the engine. */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<NotificationListener> listeners;
  private final Clock clock;

  Listeners(List<NotificationListener> listeners, Clock clock) {
    this.listeners = listeners;
    this.clock = clock;
  }

  void accepted(String notificationId) {
    if (listeners.isEmpty()) {
      return;
    }
    emit(new AcceptedEvent(clock.instant(), notificationId));
  }

  /**
   * A delivery changed. A placeholder (a user or group to resolve) is not reported as QUEUED:
   * its deliveries are, once resolved.
   */
  void delivery(EventType type, WorkItemView d, int attempt, @Nullable String reason,
      @Nullable Instant next) {
    if (listeners.isEmpty()
        || type == EventType.QUEUED && DeliveryRecord.RESOLVE_CHANNEL.equals(d.channel())) {
      return;
    }
    emit(new DeliveryEvent(type, clock.instant(), d.notificationId(), d.deliveryId(),
        d.channel(), d.address(), attempt, reason, null, next, null, null));
  }

  void sent(WorkItemView d, int attempt, @Nullable String providerMessageId) {
    if (listeners.isEmpty()) {
      return;
    }
    emit(new DeliveryEvent(EventType.SENT, clock.instant(), d.notificationId(), d.deliveryId(),
        d.channel(), d.address(), attempt, null, providerMessageId, null, null, null));
  }

  void addressInvalid(WorkItemView d, int attempt, String reason,
      @Nullable Instant invalidatedAt) {
    if (listeners.isEmpty()) {
      return;
    }
    emit(new DeliveryEvent(EventType.ADDRESS_INVALID, clock.instant(), d.notificationId(),
        d.deliveryId(), d.channel(), d.address(), attempt, reason, null, null, invalidatedAt,
        null));
  }

  void receipt(WorkItemView d, Receipt receipt) {
    if (listeners.isEmpty()) {
      return;
    }
    emit(new DeliveryEvent(EventType.RECEIPT, clock.instant(), d.notificationId(),
        d.deliveryId(), d.channel(), d.address(), 0, receipt.detail(), null, null, null,
        receipt));
  }

  void lane(EventType type, String channel, String reason) {
    if (listeners.isEmpty()) {
      return;
    }
    emit(new LaneEvent(type, clock.instant(), channel, reason));
  }

  private void emit(NotificationEvent event) {
    for (NotificationListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        LOG.warn("listener {} threw on {} of {}; ignored", l.getClass().getName(), event.type(),
            subject(event), e);
      }
    }
  }

  private static String subject(NotificationEvent event) {
    if (event instanceof DeliveryEvent d) {
      return d.deliveryId();
    }
    if (event instanceof AcceptedEvent a) {
      return a.notificationId();
    }
    return "lane " + ((LaneEvent) event).channel();
  }
}
