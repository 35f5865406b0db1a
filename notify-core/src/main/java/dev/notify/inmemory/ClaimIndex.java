package dev.notify.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may claim what: the claim queue of each channel and the instance leases they consult. A
 * lease found expired at a claim or a look for due work opens its owner's holdings to other
 * claimers in every channel; a heartbeat closes them again. Both cost O(channels) once per
 * change of an owner's liveness, never per delivery.
 *
 * <p>Not thread-safe: guarded by the log's lock.
 */
final class ClaimIndex {
  private final InstanceLeases leases = new InstanceLeases();
  private final Map<String, ClaimQueue> queues = new HashMap<>();

  /** Adds a delivery to its channel's queue by its current record. */
  void add(StoredDelivery d) {
    queues.computeIfAbsent(d.record.channel(), c -> new ClaimQueue(leases)).add(d);
  }

  /** Removes a delivery from its channel's queue by its current record. */
  void remove(StoredDelivery d) {
    ClaimQueue queue = queues.get(d.record.channel());
    if (queue != null) {
      queue.remove(d);
    }
  }

  /**
   * @return up to {@code limit} deliveries of the channel that {@code claimer} may claim at
   *     {@code now}, in claim order
   */
  List<StoredDelivery> due(String channel, String claimer, Instant now, int limit) {
    expireLeases(now);
    ClaimQueue queue = queues.get(channel);
    return queue == null || limit == 0 ? List.of() : queue.due(claimer, now, limit);
  }

  /** @return true if {@link #due} would return a delivery */
  boolean hasDue(String channel, String claimer, Instant now) {
    expireLeases(now);
    ClaimQueue queue = queues.get(channel);
    return queue != null && queue.hasDue(claimer, now);
  }

  /** Extends the owner's instance lease to {@code until}. */
  void heartbeat(String owner, Instant until) {
    if (leases.heartbeat(owner, until)) {
      for (ClaimQueue queue : queues.values()) {
        queue.ownerRenewed(owner);
      }
    }
  }

  /** {@return every delivery the owner holds, in all channels, as a copy} */
  List<StoredDelivery> heldBy(String owner) {
    List<StoredDelivery> held = new ArrayList<>();
    for (ClaimQueue queue : queues.values()) {
      held.addAll(queue.heldBy(owner));
    }
    return held;
  }

  private void expireLeases(Instant now) {
    for (String owner : leases.expire(now)) {
      for (ClaimQueue queue : queues.values()) {
        queue.ownerExpired(owner);
      }
    }
  }
}
