package dev.notify.spi.log;

import static java.util.Objects.requireNonNull;

import dev.notify.Notification;
import dev.notify.status.DeliveryState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A delivery the caller now holds, with what sending it needs: its notification, not the whole
 * record with the other deliveries, attempts and receipts.
 *
 * @param notification the notification as accepted
 * @param acceptedAt when it was accepted
 * @param parentId the broadcast it is a member of, or {@code null}
 * @param delivery the claimed delivery (owner and sequence set); a log may leave its
 *     {@link DeliveryRecord#attempts() attempts} and {@link DeliveryRecord#receipts() receipts}
 *     empty, but {@link DeliveryRecord#attemptCount()} is exact
 * @param claimedFrom the delivery's state just before this claim: SCHEDULED or RETRY_SCHEDULED
 *     when it became due now, QUEUED when it waited for room or was released, SENDING when its
 *     previous holder died mid-send
 */
public record ClaimedDelivery(Notification notification, Instant acceptedAt,
    @Nullable String parentId, DeliveryRecord delivery, DeliveryState claimedFrom) {

  /**
   * Rejects nulls where a value is required.
   *
   * @param notification the notification as accepted
   * @param acceptedAt when it was accepted
   * @param parentId the broadcast it is a member of, or {@code null}
   * @param delivery the claimed delivery
   * @param claimedFrom the delivery's state just before this claim
   */
  public ClaimedDelivery {
    requireNonNull(notification, "notification");
    requireNonNull(acceptedAt, "acceptedAt");
    requireNonNull(delivery, "delivery");
    requireNonNull(claimedFrom, "claimedFrom");
  }

  /**
   * {@return the claim of one delivery of a stored record}
   *
   * @param record the notification the delivery belongs to
   * @param delivery the claimed delivery
   * @param claimedFrom the delivery's state just before the claim
   */
  public static ClaimedDelivery of(NotificationRecord record, DeliveryRecord delivery,
      DeliveryState claimedFrom) {
    return new ClaimedDelivery(record.notification(), record.acceptedAt(), record.parentId(),
        delivery, claimedFrom);
  }
}
