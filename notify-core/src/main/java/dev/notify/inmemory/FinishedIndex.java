package dev.notify.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The notifications whose deliveries have all finished, by acceptance (for eviction, oldest
 * first) and by last change (for purge by age), so that neither scans the whole log. Guarded by
 * the log store's lock.
 */
final class FinishedIndex {
  private final TreeMap<SeqKey, StoredNotification> byAge = new TreeMap<>();
  private final TreeMap<SeqKey, StoredNotification> byLastChange = new TreeMap<>();

  /** Puts a notification in (or takes it out of) the index after its deliveries changed. */
  void refresh(StoredNotification n) {
    forget(n);
    if (n.unfinished == 0) {
      n.finishedKey = new SeqKey(n.lastChange(), n.ageKey.seq());
      byLastChange.put(n.finishedKey, n);
      byAge.put(n.ageKey, n);
    }
  }

  /** Takes a notification out of the index (it is unfinished again, or removed). */
  void forget(StoredNotification n) {
    if (n.finishedKey != null) {
      byLastChange.remove(n.finishedKey);
      byAge.remove(n.ageKey);
      n.finishedKey = null;
    }
  }

  /**
   * {@return up to {@code count} finished notifications, earliest accepted first, leaving out those
   * whose id is in {@code except}}
   */
  List<StoredNotification> oldest(int count, Set<String> except) {
    List<StoredNotification> oldest = new ArrayList<>(Math.min(count, 16));
    for (StoredNotification n : byAge.values()) {
      if (oldest.size() == count) {
        break;
      }
      if (!except.contains(n.id())) {
        oldest.add(n);
      }
    }
    return oldest;
  }

  /** {@return the finished notifications whose last change came before the instant} */
  List<StoredNotification> lastChangedBefore(Instant instant) {
    return new ArrayList<>(byLastChange.headMap(SeqKey.lowest(instant), false).values());
  }
}
