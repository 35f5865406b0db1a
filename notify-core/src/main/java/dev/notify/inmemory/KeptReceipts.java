package dev.notify.inmemory;

import dev.notify.status.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Receipts that arrived before their delivery committed SENT, by (channel, provider message id),
 * until that commit takes them. Bounded in count and kept for a while only: a receipt is kept at
 * least {@code keptFor} by the log's clock unless {@code max} newer ones push it out, oldest
 * first; a receipt older than that is dropped on the next keep.
 *
 * <p>Not thread-safe: guarded by the log's lock.
 */
final class KeptReceipts {
  private final int max;
  private final Duration keptFor;
  private final Map<ProviderKey, List<Kept>> byKey = new HashMap<>();
  private final TreeMap<SeqKey, Kept> byAge = new TreeMap<>();
  private long nextSeq;

  KeptReceipts(int max, Duration keptFor) {
    this.max = max;
    this.keptFor = keptFor;
  }

  /**
   * Keeps a receipt for the delivery that will be sent with this key.
   *
   * @return false if an equal receipt is kept already (a redelivered report): nothing changed
   */
  boolean keep(ProviderKey key, Receipt receipt, Instant now) {
    dropOlderThan(now.minus(keptFor));
    List<Kept> ofKey = byKey.get(key);
    if (ofKey != null && ofKey.stream().anyMatch(k -> k.receipt.equals(receipt))) {
      return false;
    }
    while (byAge.size() >= max) {
      drop(byAge.firstEntry().getValue());
    }
    Kept kept = new Kept(key, receipt, new SeqKey(now, nextSeq++));
    byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(kept);
    byAge.put(kept.age, kept);
    return true;
  }

  /** {@return the receipts kept for this key, oldest first, which are no longer kept} */
  List<Receipt> take(ProviderKey key) {
    List<Kept> ofKey = byKey.remove(key);
    if (ofKey == null) {
      return List.of();
    }
    List<Receipt> receipts = new ArrayList<>(ofKey.size());
    for (Kept kept : ofKey) {
      byAge.remove(kept.age);
      receipts.add(kept.receipt);
    }
    return receipts;
  }

  /** Drops every receipt kept before {@code instant}. */
  void dropOlderThan(Instant instant) {
    while (!byAge.isEmpty() && byAge.firstKey().at().isBefore(instant)) {
      drop(byAge.firstEntry().getValue());
    }
  }

  private void drop(Kept kept) {
    byAge.remove(kept.age);
    List<Kept> ofKey = byKey.get(kept.key);
    ofKey.remove(kept);
    if (ofKey.isEmpty()) {
      byKey.remove(kept.key);
    }
  }

  /** One kept receipt and when it was kept. */
  private record Kept(ProviderKey key, Receipt receipt, SeqKey age) {
  }
}
