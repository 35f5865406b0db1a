package dev.notify.spi;

import dev.notify.status.Receipt;

/** Where a channel reports a receipt that arrives after the send (delivery report, bounce). */
@FunctionalInterface
public interface ReceiptSink {

  /**
   * Adds the receipt to the channel's delivery that was sent with this provider message id. A
   * receipt that arrives before the delivery's SENT is committed (a fast delivery report) is kept
   * and added then.
   *
   * @param providerMessageId the id the channel returned in {@link DeliveryResult#sent(String)}
   * @param receipt what the provider reports
   * @return false if the delivery already has an equal receipt (the provider reported twice)
   */
  boolean record(String providerMessageId, Receipt receipt);
}
