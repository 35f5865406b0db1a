package dev.notify.inmemory;

import dev.notify.Priority;
import dev.notify.spi.log.DeliveryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The non-terminal deliveries of one channel, arranged so that a claim never scans what it cannot
 * take. Unclaimed deliveries wait in a ready map per priority, ordered by due time; claimed ones
 * wait in a leased map ordered by lease expiry. A claim first moves the leases that have expired
 * into the ready maps (each lease moves once), then takes the heads of the ready maps, highest
 * priority first, up to the due instant: O(k log n) for k deliveries claimed or expired.
 *
 * <p>Not thread-safe: guarded by the log's lock.
 */
final class ClaimQueue {
  private static final Priority[] PRIORITIES = Priority.values();

  /** Indexed by priority ordinal, HIGH first. */
  private final List<TreeMap<SeqKey, StoredDelivery>> ready = new ArrayList<>(PRIORITIES.length);
  private final TreeMap<SeqKey, StoredDelivery> leased = new TreeMap<>();

  ClaimQueue() {
    for (int i = 0; i < PRIORITIES.length; i++) {
      ready.add(new TreeMap<>());
    }
  }

  /** Adds a delivery by its current record; terminal deliveries are not claimable and stay out. */
  void add(StoredDelivery d) {
    DeliveryRecord r = d.record;
    if (r.state().isTerminal()) {
      return;
    }
    if (r.owner() != null && r.leaseUntil() != null) {
      d.queueKey = new SeqKey(r.leaseUntil(), d.seq);
      d.inLeased = true;
      leased.put(d.queueKey, d);
    } else {
      addReady(d);
    }
  }

  /** Removes a delivery from wherever it is. */
  void remove(StoredDelivery d) {
    if (d.queueKey == null) {
      return;
    }
    if (d.inLeased) {
      leased.remove(d.queueKey);
    } else {
      ready.get(d.record.priority().ordinal()).remove(d.queueKey);
    }
    d.queueKey = null;
  }

  /**
   * @return up to {@code limit} deliveries that may be claimed at {@code now}, in claim order; the
   *     caller claims them and re-adds them
   */
  List<StoredDelivery> due(Instant now, int limit) {
    SeqKey upTo = SeqKey.highest(now);
    Map<SeqKey, StoredDelivery> expired = leased.headMap(upTo, true);
    if (!expired.isEmpty()) {
      List<StoredDelivery> moving = new ArrayList<>(expired.values());
      expired.clear();
      for (StoredDelivery d : moving) {
        addReady(d);
      }
    }
    List<StoredDelivery> due = new ArrayList<>(Math.min(limit, 64));
    for (TreeMap<SeqKey, StoredDelivery> map : ready) {
      for (StoredDelivery d : map.headMap(upTo, true).values()) {
        if (due.size() == limit) {
          return due;
        }
        if (claimable(d.record, now)) {
          due.add(d);
        }
      }
    }
    return due;
  }

  /** @return true if {@link #due} at {@code now} would return at least one delivery */
  boolean hasDue(Instant now) {
    SeqKey upTo = SeqKey.highest(now);
    if (!leased.isEmpty() && leased.firstKey().compareTo(upTo) <= 0) {
      return true;
    }
    for (TreeMap<SeqKey, StoredDelivery> map : ready) {
      for (StoredDelivery d : map.headMap(upTo, true).values()) {
        if (claimable(d.record, now)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Leases move to the ready maps when a claim at some instant finds them expired; a concurrent
   * claim with an earlier instant must still respect them.
   */
  private static boolean claimable(DeliveryRecord r, Instant now) {
    return r.owner() == null || r.leaseUntil() == null || !r.leaseUntil().isAfter(now);
  }

  private void addReady(StoredDelivery d) {
    d.queueKey = new SeqKey(d.record.dueAt(), d.seq);
    d.inLeased = false;
    ready.get(d.record.priority().ordinal()).put(d.queueKey, d);
  }
}
