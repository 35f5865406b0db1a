package dev.notify.inmemory;

import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.ReceiptResult;
import dev.notify.status.DeliveryState;
import dev.notify.status.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where provider receipts find their delivery: the deliveries sent with a provider message id,
 * by (channel, id), and the receipts that came before their delivery's SENT commit.
 *
 * <p>Not thread-safe: guarded by the log's lock.
 */
final class ReceiptBook {
  /** How many early receipts are kept at most. */
  static final int MAX_KEPT = 10_000;
  /** How long an early receipt is kept at least, unless {@link #MAX_KEPT} newer ones arrive. */
  static final Duration KEPT_FOR = Duration.ofHours(1);

  private final Map<ProviderKey, StoredDelivery> sent = new HashMap<>();
  private final KeptReceipts kept = new KeptReceipts(MAX_KEPT, KEPT_FOR);

  /** Indexes a delivery under its provider message id, if it has one. */
  void index(StoredDelivery d) {
    ProviderKey key = keyOf(d.record);
    if (key != null) {
      sent.put(key, d);
    }
  }

  /** Takes a delivery out of the index. */
  void unindex(StoredDelivery d) {
    ProviderKey key = keyOf(d.record);
    if (key != null) {
      sent.remove(key, d);
    }
  }

  /**
   * See {@code NotificationLog.recordReceipt}: adds the receipt to the delivery of the channel
   * sent with the id, or keeps it until one is.
   */
  ReceiptResult record(ProviderKey key, Receipt receipt, Instant now) {
    StoredDelivery d = sent.get(key);
    if (d == null) {
      kept.keep(key, receipt, now);
      return new ReceiptResult.Kept();
    }
    return add(d, receipt);
  }

  /**
   * Adds a receipt to a delivery unless it has an equal one. A receipt changes no index key and
   * must leave a retried SENT transition recognisable, so it bypasses the store's {@code replace}.
   */
  static ReceiptResult add(StoredDelivery d, Receipt receipt) {
    if (d.record.receipts().contains(receipt)) {
      return new ReceiptResult.Duplicate(d.record);
    }
    d.record = d.record.withReceipt(receipt);
    return new ReceiptResult.Recorded(d.record);
  }

  /**
   * {@return the record with the receipts kept for it added, when it has just committed SENT with
   * a provider message id; else the record unchanged}
   */
  DeliveryRecord attachKept(DeliveryRecord committed) {
    ProviderKey key = keyOf(committed);
    if (key == null || committed.state() != DeliveryState.SENT) {
      return committed;
    }
    List<Receipt> early = kept.take(key);
    return early.isEmpty() ? committed : Records.withReceipts(committed, early);
  }

  /** Drops early receipts kept longer than {@link #KEPT_FOR} by {@code now}. */
  void dropExpired(Instant now) {
    kept.dropOlderThan(now.minus(KEPT_FOR));
  }

  private static @Nullable ProviderKey keyOf(DeliveryRecord r) {
    String id = r.providerMessageId();
    return id == null ? null : new ProviderKey(r.channel(), id);
  }
}
