package dev.notify.inmemory;

import dev.notify.spi.log.NotificationRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The notifications of each recipient by acceptance, so that a recipient's history reads only
 * its own notifications, newest first.
 *
 * <p>Not thread-safe: guarded by the log's lock.
 */
final class RecipientHistory {
  private final Map<String, TreeMap<SeqKey, StoredNotification>> byRecipient = new HashMap<>();

  /** Adds a stored notification under each of its recipients. */
  void add(StoredNotification n) {
    for (String key : n.recipientKeys) {
      byRecipient.computeIfAbsent(key, k -> new TreeMap<>()).put(n.ageKey, n);
    }
  }

  /** Removes a notification that leaves the log. */
  void remove(StoredNotification n) {
    for (String key : n.recipientKeys) {
      TreeMap<SeqKey, StoredNotification> named = byRecipient.get(key);
      named.remove(n.ageKey);
      if (named.isEmpty()) {
        byRecipient.remove(key);
      }
    }
  }

  /**
   * See {@code NotificationLog.history}.
   *
   * @param recipientKey a {@link dev.notify.Recipient#key()}
   * @param limit at most this many
   * @return the notifications that named this recipient, newest first
   */
  List<NotificationRecord> of(String recipientKey, int limit) {
    TreeMap<SeqKey, StoredNotification> named = byRecipient.get(recipientKey);
    if (named == null) {
      return List.of();
    }
    List<NotificationRecord> newestFirst = new ArrayList<>(Math.min(limit, named.size()));
    for (StoredNotification n : named.descendingMap().values()) {
      if (newestFirst.size() == limit) {
        break;
      }
      newestFirst.add(n.view());
    }
    return Collections.unmodifiableList(newestFirst);
  }
}
