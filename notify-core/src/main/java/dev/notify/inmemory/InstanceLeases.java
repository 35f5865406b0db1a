package dev.notify.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The instance leases of the owners that claim deliveries, by owner and by expiry. An owner is
 * <em>live</em> from a heartbeat until a claim or a look for due work finds its lease expired
 * ({@link #expire}); an owner that never heart-beat is not live. Claim queues ask
 * {@link #isLive} when they take in a delivery, and are told when an owner stops or starts being
 * live, so that a claim never looks at the deliveries of a live owner.
 *
 * <p>Not thread-safe: guarded by the log's lock.
 */
final class InstanceLeases {
  private final Map<String, SeqKey> live = new HashMap<>();
  private final TreeMap<SeqKey, String> byExpiry = new TreeMap<>();
  private long nextSeq;

  /** {@return true if the owner heart-beat and its lease has not been found expired since} */
  boolean isLive(String owner) {
    return live.containsKey(owner);
  }

  /**
   * Extends the owner's lease to {@code until}; a lease is never shortened.
   *
   * @return true if the owner was not live before: its deliveries must be held again
   */
  boolean heartbeat(String owner, Instant until) {
    SeqKey old = live.get(owner);
    if (old != null) {
      if (!until.isAfter(old.at())) {
        return false;
      }
      byExpiry.remove(old);
    }
    SeqKey key = new SeqKey(until, nextSeq++);
    live.put(owner, key);
    byExpiry.put(key, owner);
    return old == null;
  }

  /**
   * Ends every lease that has expired by {@code now} (its expiry is not after it).
   *
   * @return the owners that stopped being live, each once
   */
  List<String> expire(Instant now) {
    NavigableMap<SeqKey, String> expired = byExpiry.headMap(SeqKey.highest(now), true);
    if (expired.isEmpty()) {
      return List.of();
    }
    List<String> owners = new ArrayList<>(expired.values());
    expired.clear();
    for (String owner : owners) {
      live.remove(owner);
    }
    return owners;
  }
}
