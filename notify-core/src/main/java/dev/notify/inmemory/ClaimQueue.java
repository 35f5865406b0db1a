package dev.notify.inmemory;

import dev.notify.Priority;
import dev.notify.spi.log.DeliveryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The non-terminal deliveries of one channel, arranged so that a claim never scans what it cannot
 * take. Unclaimed deliveries wait in a ready map per priority, ordered by due time; claimed ones
 * wait in their owner's holding, arranged the same way. The holdings of owners whose instance
 * lease has expired are listed apart: a claim merges the heads of the ready map and of those
 * holdings (never its own), highest priority first, up to the due instant, so it costs
 * O((k + h) log n) for k deliveries claimed and h expired holders. Holdings of live owners are
 * never looked at.
 *
 * <p>Not thread-safe: guarded by the log's lock.
 */
final class ClaimQueue {
  private static final int PRIORITIES = Priority.values().length;

  private final InstanceLeases leases;
  /** Unclaimed deliveries by priority ordinal (HIGH first), each by due time. */
  private final Holding ready = new Holding();
  /** Claimed deliveries by owner. */
  private final Map<String, Holding> held = new HashMap<>();
  /** The owners in {@link #held} that are not live: their deliveries may be claimed by others. */
  private final Set<String> expiredHolders = new LinkedHashSet<>();

  ClaimQueue(InstanceLeases leases) {
    this.leases = leases;
  }

  /** Adds a delivery by its current record; terminal deliveries are not claimable and stay out. */
  void add(StoredDelivery d) {
    DeliveryRecord r = d.record;
    if (r.state().isTerminal()) {
      return;
    }
    d.queueKey = new SeqKey(r.dueAt(), d.seq);
    String owner = r.owner();
    if (owner == null) {
      ready.put(d);
      return;
    }
    Holding holding = held.get(owner);
    if (holding == null) {
      holding = new Holding();
      held.put(owner, holding);
      if (!leases.isLive(owner)) {
        expiredHolders.add(owner);
      }
    }
    holding.put(d);
  }

  /** Removes a delivery from wherever its current record placed it. */
  void remove(StoredDelivery d) {
    if (d.queueKey == null) {
      return;
    }
    String owner = d.record.owner();
    if (owner == null) {
      ready.remove(d);
    } else {
      Holding holding = held.get(owner);
      holding.remove(d);
      if (holding.isEmpty()) {
        held.remove(owner);
        expiredHolders.remove(owner);
      }
    }
    d.queueKey = null;
  }

  /** The owner's lease was found expired: what it holds here may be claimed by others. */
  void ownerExpired(String owner) {
    if (held.containsKey(owner)) {
      expiredHolders.add(owner);
    }
  }

  /** The owner heart-beat again: what it still holds here is its own again. */
  void ownerRenewed(String owner) {
    expiredHolders.remove(owner);
  }

  /** {@return the deliveries the owner holds in this channel, as a copy} */
  List<StoredDelivery> heldBy(String owner) {
    Holding holding = held.get(owner);
    return holding == null ? List.of() : holding.all();
  }

  /**
   * @return up to {@code limit} deliveries that {@code claimer} may claim at {@code now}, in claim
   *     order; the caller claims them, which moves them
   */
  List<StoredDelivery> due(String claimer, Instant now, int limit) {
    SeqKey upTo = SeqKey.highest(now);
    List<StoredDelivery> due = new ArrayList<>(Math.min(limit, 64));
    for (int p = 0; p < PRIORITIES && due.size() < limit; p++) {
      List<Iterator<StoredDelivery>> sources = new ArrayList<>();
      sources.add(ready.due(p, upTo));
      for (String owner : expiredHolders) {
        if (!owner.equals(claimer)) {
          sources.add(held.get(owner).due(p, upTo));
        }
      }
      merge(sources, limit, due);
    }
    return due;
  }

  /** @return true if {@link #due} for {@code claimer} at {@code now} would return a delivery */
  boolean hasDue(String claimer, Instant now) {
    SeqKey upTo = SeqKey.highest(now);
    for (int p = 0; p < PRIORITIES; p++) {
      if (ready.hasDue(p, upTo)) {
        return true;
      }
      for (String owner : expiredHolders) {
        if (!owner.equals(claimer) && held.get(owner).hasDue(p, upTo)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Appends the sources' deliveries to {@code into} in key order until it holds {@code limit}. */
  private static void merge(List<Iterator<StoredDelivery>> sources, int limit,
      List<StoredDelivery> into) {
    if (sources.size() == 1) {
      Iterator<StoredDelivery> only = sources.get(0);
      while (into.size() < limit && only.hasNext()) {
        into.add(only.next());
      }
      return;
    }
    PriorityQueue<Head> heads = new PriorityQueue<>();
    for (Iterator<StoredDelivery> source : sources) {
      if (source.hasNext()) {
        heads.add(new Head(source.next(), source));
      }
    }
    while (into.size() < limit && !heads.isEmpty()) {
      Head head = heads.poll();
      into.add(head.delivery);
      if (head.rest.hasNext()) {
        heads.add(new Head(head.rest.next(), head.rest));
      }
    }
  }

  /** The next delivery of one source of a merge, ordered by its queue key. */
  private record Head(StoredDelivery delivery, Iterator<StoredDelivery> rest)
      implements Comparable<Head> {
    @Override
    public int compareTo(Head o) {
      return delivery.queueKey.compareTo(o.delivery.queueKey);
    }
  }

  /** Deliveries by priority ordinal, each priority ordered by due time. */
  private static final class Holding {
    private final List<TreeMap<SeqKey, StoredDelivery>> byPriority = new ArrayList<>(PRIORITIES);
    private int size;

    Holding() {
      for (int i = 0; i < PRIORITIES; i++) {
        byPriority.add(new TreeMap<>());
      }
    }

    void put(StoredDelivery d) {
      byPriority.get(d.record.priority().ordinal()).put(d.queueKey, d);
      size++;
    }

    void remove(StoredDelivery d) {
      if (byPriority.get(d.record.priority().ordinal()).remove(d.queueKey) != null) {
        size--;
      }
    }

    boolean isEmpty() {
      return size == 0;
    }

    Iterator<StoredDelivery> due(int priority, SeqKey upTo) {
      return byPriority.get(priority).headMap(upTo, true).values().iterator();
    }

    boolean hasDue(int priority, SeqKey upTo) {
      TreeMap<SeqKey, StoredDelivery> map = byPriority.get(priority);
      return !map.isEmpty() && map.firstKey().compareTo(upTo) <= 0;
    }

    List<StoredDelivery> all() {
      List<StoredDelivery> all = new ArrayList<>(size);
      for (TreeMap<SeqKey, StoredDelivery> map : byPriority) {
        all.addAll(map.values());
      }
      return all;
    }
  }
}
