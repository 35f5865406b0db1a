package dev.notify.event;

import static java.util.Objects.requireNonNull;

import dev.notify.Recipient;
import dev.notify.status.Receipt;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A delivery (one channel × one address) changed. Which optional parts are set depends on the
 * type:
 * <ul>
 *   <li>{@code QUEUED}: waiting for its channel (once when it becomes queued, not again when a
 *       lane takes it from the log);</li>
 *   <li>{@code SCHEDULED}: {@code nextAttemptAt} (its {@code sendAt}, or the end of quiet hours
 *       or of a rate limit's wait, with that {@code reason});</li>
 *   <li>{@code SENT}: {@code providerMessageId} when the provider has one;</li>
 *   <li>{@code RETRY_SCHEDULED}: the provider's {@code reason} and {@code nextAttemptAt};</li>
 *   <li>{@code FAILED}, {@code DEAD}, {@code SUPPRESSED}, {@code EXPIRED}, {@code CANCELLED}:
 *       {@code reason};</li>
 *   <li>{@code ADDRESS_INVALID}: {@code reason} and the provider's {@code invalidatedAt} if it
 *       gives one (a FAILED event follows);</li>
 *   <li>{@code OPTED_OUT}: {@code reason} (a FAILED event follows);</li>
 *   <li>{@code RECEIPT}: the {@code receipt} the provider sent later.</li>
 * </ul>
 * A user or group recipient is resolved at dispatch: its deliveries are reported once resolved.
 * A resolution that fails (an unknown user, no address) is a FAILED event on channel
 * {@code @resolve}.
 *
 * @param type what happened
 * @param at when, by the client's clock
 * @param notificationId the notification
 * @param deliveryId the delivery, {@code <notification id>/<n>}
 * @param channel the channel's name
 * @param address the address (masked in {@code toString()}); a user or group while resolving
 * @param attempt the attempt the event concerns, from 1; 0 before the first attempt
 * @param reason the provider's error, the suppression, schedule or cancel reason, or null
 * @param providerMessageId for SENT, the provider's id, or null
 * @param nextAttemptAt for SCHEDULED and RETRY_SCHEDULED, when it is due, or null
 * @param invalidatedAt for ADDRESS_INVALID, the provider's timestamp, or null
 * @param receipt for RECEIPT, the receipt, or null
 */
public record DeliveryEvent(EventType type, Instant at, String notificationId, String deliveryId,
    String channel, Recipient address, int attempt, @Nullable String reason,
    @Nullable String providerMessageId, @Nullable Instant nextAttemptAt,
    @Nullable Instant invalidatedAt, @Nullable Receipt receipt) implements NotificationEvent {

  /**
   * Rejects nulls where a value is required, and types that are not delivery events.
   *
   * @param type what happened
   * @param at when, by the client's clock
   * @param notificationId the notification
   * @param deliveryId the delivery
   * @param channel the channel's name
   * @param address the address
   * @param attempt the attempt the event concerns, or 0
   * @param reason the reason, or null
   * @param providerMessageId for SENT, the provider's id, or null
   * @param nextAttemptAt when it is due next, or null
   * @param invalidatedAt the provider's invalidation timestamp, or null
   * @param receipt the receipt, or null
   */
  public DeliveryEvent {
    requireNonNull(type, "type");
    requireNonNull(at, "at");
    requireNonNull(notificationId, "notificationId");
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(channel, "channel");
    requireNonNull(address, "address");
    if (type == EventType.ACCEPTED || type == EventType.LANE_PAUSED
        || type == EventType.LANE_RESUMED) {
      throw new IllegalArgumentException("not a delivery event: " + type);
    }
  }
}
