package dev.notify.internal.engine;

import dev.notify.Content;
import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.spi.OutboundMessage;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationRecord;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One claimed delivery held in memory. It owns one unit of the engine's capacity from the moment
 * it enters memory until {@link #leave()} succeeds, whichever path gets there first.
 */
final class WorkItem {
  private final Notification notification;
  private final Instant acceptedAt;
  private final @Nullable String parentId;
  private final String deliveryId;
  private final String channel;
  private final Recipient address;
  private final @Nullable String userId;
  private volatile @Nullable Content rendered;
  private final Priority priority;
  private final int attemptCount;
  private final Fence fence;
  private final AtomicBoolean left = new AtomicBoolean();
  private final LanePlace place;
  private volatile int writeFailures;
  private final AtomicBoolean announce = new AtomicBoolean();

  /**
   * @param place the place reserved in the delivery's lane, or {@link LanePlace#NONE} for a
   *     delivery to be resolved
   */
  WorkItem(NotificationRecord record, DeliveryRecord delivery, LanePlace place) {
    this(record.notification(), record.acceptedAt(), record.parentId(), delivery, place);
  }

  /** A claimed delivery; see {@link #WorkItem(NotificationRecord, DeliveryRecord, LanePlace)}. */
  WorkItem(ClaimedDelivery claimed, LanePlace place) {
    this(claimed.notification(), claimed.acceptedAt(), claimed.parentId(), claimed.delivery(),
        place);
  }

  private WorkItem(Notification notification, Instant acceptedAt, @Nullable String parentId,
      DeliveryRecord delivery, LanePlace place) {
    this.place = place;
    this.notification = notification;
    this.acceptedAt = acceptedAt;
    this.parentId = parentId;
    this.deliveryId = delivery.id();
    this.channel = delivery.channel();
    this.address = delivery.address();
    this.userId = delivery.userId();
    this.priority = delivery.priority();
    this.attemptCount = delivery.attemptCount();
    this.fence = delivery.fence().orElseThrow(
        () -> new IllegalArgumentException("delivery " + delivery.id() + " is not claimed"));
  }

  Notification notification() {
    return notification;
  }

  String notificationId() {
    return notification.id();
  }

  /** @return the broadcast this is a member's delivery of, or null */
  @Nullable String parentId() {
    return parentId;
  }

  Instant acceptedAt() {
    return acceptedAt;
  }

  /** @return how many writes of this item to the log have failed so far (for the backoff) */
  int writeFailed() {
    return ++writeFailures;
  }

  String deliveryId() {
    return deliveryId;
  }

  String channel() {
    return channel;
  }

  /** @return the address, or the user or group of a placeholder */
  Recipient address() {
    return address;
  }

  /** @return the user this delivery was resolved for, or null for a direct address */
  @Nullable String userId() {
    return userId;
  }

  boolean isPlaceholder() {
    return !(address instanceof Recipient.Address);
  }

  /** Uses content rendered from the notification's template for this channel and user. */
  void render(Content content) {
    this.rendered = content;
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
    Notification n = notification;
    Content c = rendered != null ? rendered : n.content();
    return new OutboundMessage(n.id(), (Recipient.Address) address, c, n.priority(),
        n.category().orElse(null), n.expiresAt().orElse(null), n.options(), n.metadata());
  }

  /** Gives back the lane place this item holds; only the first call does anything. */
  void releasePlace() {
    place.release();
  }

  /** Its QUEUED event is due when a dispatcher takes it (work that came due in the log). */
  void announceQueued() {
    announce.set(true);
  }

  /** @return true once, for the dispatcher that reports the QUEUED event */
  boolean takeAnnouncement() {
    return announce.get() && announce.compareAndSet(true, false);
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
