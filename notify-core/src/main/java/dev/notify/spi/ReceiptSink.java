package dev.notify.spi;

import dev.notify.status.Receipt;

/** Where a channel reports a receipt that arrives after the send (delivery report, bounce). */
@FunctionalInterface
public interface ReceiptSink {

  /**
   * Adds the receipt to the delivery that was sent with this provider message id.
   *
   * @param providerMessageId the id the channel returned in {@link DeliveryResult#sent(String)}
   * @param receipt what the provider reports
   * @return false if no delivery is known under that id (e.g. purged)
   */
  boolean record(String providerMessageId, Receipt receipt);
}
