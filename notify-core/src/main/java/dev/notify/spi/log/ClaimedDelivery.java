package dev.notify.spi.log;

/**
 * A delivery the caller now holds, with its notification.
 *
 * @param notification the notification record
 * @param delivery the claimed delivery (owner, lease and sequence set)
 */
public record ClaimedDelivery(NotificationRecord notification, DeliveryRecord delivery) {
}
