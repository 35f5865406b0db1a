package dev.notify.spi;

import dev.notify.status.Receipt;

/**
 * Where a channel reports a receipt that arrives after the send (delivery report, bounce): by
 * the provider's message id, or by the delivery's own id when the channel passed it to the
 * provider as a reference (a status-callback URL parameter, a custom header).
 */
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

  /**
   * Adds the receipt to the delivery with this id ({@link Delivery#id()}).
   *
   * @param deliveryId the delivery's id, as the channel passed it to the provider
   * @param receipt what the provider reports
   * @return false if no delivery has that id, or it already has an equal receipt
   */
  boolean recordForDelivery(String deliveryId, Receipt receipt);

  /**
   * {@return a sink that drops every receipt and answers false, for a channel run outside a
   * client (a benchmark, a unit test)}
   */
  static ReceiptSink ignoring() {
    return new ReceiptSink() {
      @Override
      public boolean record(String providerMessageId, Receipt receipt) {
        return false;
      }

      @Override
      public boolean recordForDelivery(String deliveryId, Receipt receipt) {
        return false;
      }

      @Override
      public String toString() {
        return "ReceiptSink.ignoring()";
      }
    };
  }
}
