package dev.notify.inmemory;

import dev.notify.status.DeliveryState;
import dev.notify.status.GroupMembers;
import dev.notify.status.NotificationState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of each group broadcast counted by state, kept up to date as members are stored,
 * change and are removed, so that a broadcast's status never reads its members. Guarded by the
 * log store's lock.
 */
final class MemberTally {
  private final Map<String, EnumMap<NotificationState, Long>> byParent = new HashMap<>();

  /** Counts a member under its current state; call whenever a delivery became or left terminal. */
  void count(StoredNotification n) {
    if (n.parentId == null) {
      return;
    }
    NotificationState now = n.unfinished > 0 ? NotificationState.PENDING : summary(n);
    if (now == n.countedAs) {
      return;
    }
    EnumMap<NotificationState, Long> counts =
        byParent.computeIfAbsent(n.parentId, p -> new EnumMap<>(NotificationState.class));
    if (n.countedAs != null) {
      counts.merge(n.countedAs, -1L, Long::sum);
    }
    counts.merge(now, 1L, Long::sum);
    n.countedAs = now;
  }

  /** Stops counting a member that is removed from the log. */
  void forget(StoredNotification n) {
    if (n.parentId == null || n.countedAs == null) {
      return;
    }
    EnumMap<NotificationState, Long> counts = byParent.get(n.parentId);
    counts.merge(n.countedAs, -1L, Long::sum);
    if (counts.values().stream().allMatch(c -> c == 0)) {
      byParent.remove(n.parentId);
    }
    n.countedAs = null;
  }

  GroupMembers of(String parentId) {
    EnumMap<NotificationState, Long> counts = byParent.get(parentId);
    if (counts == null) {
      return GroupMembers.NONE;
    }
    return new GroupMembers(counts.values().stream().mapToLong(Long::longValue).sum(), counts);
  }

  private static NotificationState summary(StoredNotification n) {
    List<DeliveryState> states = new ArrayList<>(n.deliveries.size());
    for (StoredDelivery d : n.deliveries) {
      states.add(d.record.state());
    }
    return NotificationState.of(states);
  }
}
