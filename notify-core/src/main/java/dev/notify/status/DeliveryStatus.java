package dev.notify.status;

import dev.notify.Recipient;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state of one delivery: one channel × one address.
 *
 * @param deliveryId stable id, {@code <notification id>/<n>}
 * @param channel the channel's name
 * @param address the address (its {@code toString()} is masked); a user or group while it waits
 *     to be resolved
 * @param state the current state
 * @param attempts every attempt so far, oldest first (kept across replays)
 * @param nextAttemptAt when it is due next (scheduled, retry), or {@code null}
 * @param reason why it is FAILED, DEAD, SUPPRESSED, EXPIRED or CANCELLED, or {@code null}
 * @param providerMessageId the provider's id once sent, or {@code null}
 * @param receipts later provider receipts
 * @param updatedAt when the state last changed
 */
public record DeliveryStatus(String deliveryId, String channel, Recipient address,
    DeliveryState state, List<Attempt> attempts, @Nullable Instant nextAttemptAt,
    @Nullable String reason, @Nullable String providerMessageId, List<Receipt> receipts,
    Instant updatedAt) {

  /**
   * Copies the lists.
   *
   * @param deliveryId stable id, {@code <notification id>/<n>}
   * @param channel the channel's name
   * @param address the address (its {@code toString()} is masked); a user or group while it waits
   *     to be resolved
   * @param state the current state
   * @param attempts every attempt so far, oldest first (kept across replays)
   * @param nextAttemptAt when it is due next (scheduled, retry), or {@code null}
   * @param reason why it is FAILED, DEAD, SUPPRESSED, EXPIRED or CANCELLED, or {@code null}
   * @param providerMessageId the provider's id once sent, or {@code null}
   * @param receipts later provider receipts
   * @param updatedAt when the state last changed
   */
  public DeliveryStatus {
    attempts = List.copyOf(attempts);
    receipts = List.copyOf(receipts);
  }

}
