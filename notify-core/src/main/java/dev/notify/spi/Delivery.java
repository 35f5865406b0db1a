package dev.notify.spi;

import static java.util.Objects.requireNonNull;

/**
 * One attempt to deliver a message to one address on one channel.
 *
 * @param id the delivery id, stable across retries ({@code <notification id>/<n>}); use it to derive
 *     provider-side ids (apns-id, Message-ID) so a retried delivery is recognisable
 * @param attempt 1 for the first attempt
 * @param message what to send
 */
public record Delivery(String id, int attempt, OutboundMessage message) {
  /**
   * Rejects nulls and attempts below 1.
   *
   * @param id the delivery id, stable across retries ({@code <notification id>/<n>}); use it to
   *     derive provider-side ids (apns-id, Message-ID) so a retried delivery is recognisable
   * @param attempt 1 for the first attempt
   * @param message what to send
   */
  public Delivery {
    requireNonNull(id, "id");
    requireNonNull(message, "message");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
    }
  }
}
