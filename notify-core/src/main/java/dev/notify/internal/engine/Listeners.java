package dev.notify.internal.engine;

import dev.notify.event.EventType;
import dev.notify.event.NotificationEvent;
import dev.notify.event.NotificationListener;
import dev.notify.status.Receipt;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

  void notification(EventType type, String notificationId) {
    if (listeners.isEmpty()) {
      return;
    }
    emit(new NotificationEvent(type, clock.instant(), notificationId, null, null, null, 0, null,
        null, null, null));
  }

  void delivery(EventType type, WorkItemView d, int attempt, String reason, Instant next) {
    if (listeners.isEmpty()) {
      return;
    }
    emit(new NotificationEvent(type, clock.instant(), d.notificationId(), d.deliveryId(),
        d.channel(), d.address(), attempt, reason, next, null, null));
  }

  void addressInvalid(WorkItemView d, int attempt, String reason, Instant invalidatedAt) {
    if (listeners.isEmpty()) {
      return;
    }
    emit(new NotificationEvent(EventType.ADDRESS_INVALID, clock.instant(), d.notificationId(),
        d.deliveryId(), d.channel(), d.address(), attempt, reason, null, invalidatedAt, null));
  }

  void receipt(WorkItemView d, Receipt receipt) {
    if (listeners.isEmpty()) {
      return;
    }
    emit(new NotificationEvent(EventType.RECEIPT, clock.instant(), d.notificationId(),
        d.deliveryId(), d.channel(), d.address(), 0, receipt.detail(), null, null, receipt));
  }

  void lane(EventType type, String channel, String reason) {
    if (listeners.isEmpty()) {
      return;
    }
    emit(new NotificationEvent(type, clock.instant(), null, null, channel, null, 0, reason, null,
        null, null));
  }

  private void emit(NotificationEvent event) {
    for (NotificationListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        LOG.warn("listener {} threw on {} of {}; ignored", l.getClass().getName(), event.type(),
            event.deliveryId() != null ? event.deliveryId() : event.notificationId(), e);
      }
    }
  }
}
