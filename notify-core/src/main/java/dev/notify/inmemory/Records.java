package dev.notify.inmemory;

import dev.notify.spi.log.DeliveryRecord;
import dev.notify.status.DeliveryState;
import dev.notify.status.Receipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The changes of a delivery record that only the log makes, and that the SPI has no helper for. */
final class Records {
  private Records() {
  }

  /**
   * A delivery as an append or an expansion stores it: stamped by the log's clock, and due at
   * once when QUEUED, whatever due time the caller gave.
   */
  static DeliveryRecord accepted(DeliveryRecord r, Instant now) {
    Instant due = r.state() == DeliveryState.QUEUED ? now : r.dueAt();
    return new DeliveryRecord(r.id(), r.notificationId(), r.channel(), r.address(), r.userId(),
        r.priority(), r.state(), r.attemptCount(), r.attempts(), due, r.owner(), r.leaseSeq(),
        r.reason(), r.providerMessageId(), r.receipts(), now);
  }

  /**
   * A delivery its owner gave back: unclaimed and due now, in its state. The sequence stays: the
   * owner's fence no longer matches without an owner, and the next claim increments it.
   */
  static DeliveryRecord givenBack(DeliveryRecord r, Instant now) {
    return new DeliveryRecord(r.id(), r.notificationId(), r.channel(), r.address(), r.userId(),
        r.priority(), r.state(), r.attemptCount(), r.attempts(), now, null, r.leaseSeq(),
        r.reason(), r.providerMessageId(), r.receipts(), now);
  }

  /** A delivery with the receipts it does not have yet added, in order. */
  static DeliveryRecord withReceipts(DeliveryRecord r, List<Receipt> receipts) {
    List<Receipt> all = new ArrayList<>(r.receipts());
    for (Receipt receipt : receipts) {
      if (!all.contains(receipt)) {
        all.add(receipt);
      }
    }
    if (all.size() == r.receipts().size()) {
      return r;
    }
    return new DeliveryRecord(r.id(), r.notificationId(), r.channel(), r.address(), r.userId(),
        r.priority(), r.state(), r.attemptCount(), r.attempts(), r.dueAt(), r.owner(),
        r.leaseSeq(), r.reason(), r.providerMessageId(), all, r.updatedAt());
  }
}
