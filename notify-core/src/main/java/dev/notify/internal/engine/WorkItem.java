package dev.notify.internal.engine;

import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.spi.DeliveryRecord;
import dev.notify.spi.Fence;
import dev.notify.spi.NotificationRecord;
import dev.notify.spi.OutboundMessage;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One claimed delivery held in memory. It owns one unit of the engine's capacity from the moment
 * it enters memory until {@link #leave()} succeeds, whichever path gets there first.
 */
final class WorkItem {
  private final NotificationRecord record;
  private final String deliveryId;
  private final String channel;
  private final Recipient.Address address;
  private final Priority priority;
  private final int attemptCount;
  private final Fence fence;
  private final AtomicBoolean left = new AtomicBoolean();

  WorkItem(NotificationRecord record, DeliveryRecord delivery) {
    this.record = record;
    this.deliveryId = delivery.id();
    this.channel = delivery.channel();
    this.address = delivery.address();
    this.priority = delivery.priority();
    this.attemptCount = delivery.attemptCount();
    this.fence = delivery.fence().orElseThrow(
        () -> new IllegalArgumentException("delivery " + delivery.id() + " is not claimed"));
  }

  Notification notification() {
    return record.notification();
  }

  String notificationId() {
    return record.id();
  }

  Instant acceptedAt() {
    return record.acceptedAt();
  }

  String deliveryId() {
    return deliveryId;
  }

  String channel() {
    return channel;
  }

  Recipient.Address address() {
    return address;
  }

  Priority priority() {
    return priority;
  }

  /** @return attempts counted against the retry policy before this one */
  int attemptCount() {
    return attemptCount;
  }

  Fence fence() {
    return fence;
  }

  OutboundMessage message() {
    Notification n = record.notification();
    return new OutboundMessage(n.id(), address, n.content(), n.priority(),
        n.category().orElse(null), n.expiresAt().orElse(null), n.options(), n.metadata());
  }

  boolean hasLeft() {
    return left.get();
  }

  /** @return true exactly once: for the caller that takes this item out of memory */
  boolean leave() {
    return left.compareAndSet(false, true);
  }

  @Override
  public String toString() {
    return "WorkItem[" + deliveryId + " " + channel + " " + address + "]";
  }
}
