package dev.notify.spi.log;

import static java.util.Objects.requireNonNull;

/** The answer of {@link NotificationLog#recordReceipt} and {@link NotificationLog#recordReceiptFor}. */
public sealed interface ReceiptResult {

  /**
   * The receipt was added to the delivery.
   *
   * @param delivery the delivery after the change
   */
  record Recorded(DeliveryRecord delivery) implements ReceiptResult {
    /**
     * Rejects a null delivery.
     *
     * @param delivery the delivery after the change
     */
    public Recorded {
      requireNonNull(delivery, "delivery");
    }
  }

  /**
   * The delivery already has an equal receipt (a provider that delivers its web-hook twice):
   * nothing changed.
   *
   * @param delivery the delivery
   */
  record Duplicate(DeliveryRecord delivery) implements ReceiptResult {
    /**
     * Rejects a null delivery.
     *
     * @param delivery the delivery
     */
    public Duplicate {
      requireNonNull(delivery, "delivery");
    }
  }

  /**
   * No delivery was sent with that provider message id yet: the receipt is kept and added when a
   * delivery of the channel commits SENT with that id (a provider's report can overtake the
   * sender's own commit).
   */
  record Kept() implements ReceiptResult {
  }

  /** No delivery has that id. */
  record Unknown() implements ReceiptResult {
  }
}
