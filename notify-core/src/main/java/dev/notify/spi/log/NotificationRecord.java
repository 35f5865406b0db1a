package dev.notify.spi.log;

import static java.util.Objects.requireNonNull;

import dev.notify.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A stored notification: what the caller sent, its payload hash, and its deliveries.
 *
 * @param notification what the caller sent
 * @param payloadHash the canonical hash of content, recipients and targets (idempotency)
 * @param acceptedAt when it was stored
 * @param deliveries one per channel × address
 * @param parentId for a group member's notification, the id of the broadcast it belongs to;
 *     {@code null} otherwise
 */
public record NotificationRecord(Notification notification, String payloadHash, Instant acceptedAt,
    List<DeliveryRecord> deliveries, @Nullable String parentId) {

  /**
   * Rejects nulls and copies the list.
   *
   * @param notification what the caller sent
   * @param payloadHash the canonical hash of content, recipients and targets (idempotency)
   * @param acceptedAt when it was stored
   * @param deliveries one per channel × address
   * @param parentId for a group member's notification, the broadcast's id; {@code null} otherwise
   */
  public NotificationRecord {
    requireNonNull(notification, "notification");
    requireNonNull(payloadHash, "payloadHash");
    requireNonNull(acceptedAt, "acceptedAt");
    deliveries = List.copyOf(deliveries);
  }

  /**
   * A notification that belongs to no broadcast.
   *
   * @param notification what the caller sent
   * @param payloadHash the canonical hash of content, recipients and targets (idempotency)
   * @param acceptedAt when it was stored
   * @param deliveries one per channel × address
   */
  public NotificationRecord(Notification notification, String payloadHash, Instant acceptedAt,
      List<DeliveryRecord> deliveries) {
    this(notification, payloadHash, acceptedAt, deliveries, null);
  }

  /** {@return the notification id} */
  public String id() {
    return notification.id();
  }

  /**
   * {@return the delivery with this id, if it belongs to this notification}
   *
   * @param deliveryId the delivery's id, {@code <notification id>/<n>}
   */
  public Optional<DeliveryRecord> delivery(String deliveryId) {
    return deliveries.stream().filter(d -> d.id().equals(deliveryId)).findFirst();
  }

  /** {@return true when every delivery is terminal} */
  public boolean isFinal() {
    return deliveries.stream().allMatch(d -> d.state().isTerminal());
  }

  /**
   * {@return a copy with other deliveries}
   *
   * @param newDeliveries the deliveries that replace the current ones
   */
  public NotificationRecord withDeliveries(List<DeliveryRecord> newDeliveries) {
    return new NotificationRecord(notification, payloadHash, acceptedAt, newDeliveries, parentId);
  }
}
