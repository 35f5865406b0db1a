package dev.notify.spi.log;

import static java.util.Objects.requireNonNull;

import dev.notify.status.DeliveryState;

/**
 * A delivery the caller now holds, with its notification.
 *
 * @param notification the notification record
 * @param delivery the claimed delivery (owner, lease and sequence set)
 * @param claimedFrom the delivery's state just before this claim: SCHEDULED or RETRY_SCHEDULED
 *     when it became due now, QUEUED when it waited for room or was released, SENDING when its
 *     previous holder's lease expired mid-send
 */
public record ClaimedDelivery(NotificationRecord notification, DeliveryRecord delivery,
    DeliveryState claimedFrom) {

  /**
   * Rejects nulls.
   *
   * @param notification the notification record
   * @param delivery the claimed delivery
   * @param claimedFrom the delivery's state just before this claim
   */
  public ClaimedDelivery {
    requireNonNull(notification, "notification");
    requireNonNull(delivery, "delivery");
    requireNonNull(claimedFrom, "claimedFrom");
  }
}
