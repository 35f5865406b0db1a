package dev.notify.event;

import dev.notify.Recipient;
import dev.notify.status.Receipt;
import java.time.Instant;

/**
 * One state change.
 *
 * @param type what happened
 * @param at when, by the client's clock
 * @param notificationId the notification, or {@code null} for lane events
 * @param deliveryId the delivery, or {@code null} for notification and lane events
 * @param channel the channel's name, or {@code null} for notification events
 * @param address the delivery's address (masked in {@code toString()}), or {@code null}
 * @param attempt the attempt number the event concerns, or 0
 * @param reason the provider's error, the suppression or pause reason, or {@code null}
 * @param nextAttemptAt for RETRY_SCHEDULED and SCHEDULED, when it is due; otherwise {@code null}
 * @param invalidatedAt for ADDRESS_INVALID, the provider's timestamp if any; otherwise {@code null}
 * @param receipt for RECEIPT, the receipt; otherwise {@code null}
 */
public record NotificationEvent(EventType type, Instant at, String notificationId,
    String deliveryId, String channel, Recipient address, int attempt, String reason,
    Instant nextAttemptAt, Instant invalidatedAt, Receipt receipt) {
}
