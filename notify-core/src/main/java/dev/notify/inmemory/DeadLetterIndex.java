package dev.notify.inmemory;

import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The DEAD deliveries by last change, of all channels and per channel, so that listing dead
 * letters reads only dead deliveries, newest first.
 *
 * <p>Not thread-safe: guarded by the log's lock.
 */
final class DeadLetterIndex {
  private final TreeMap<SeqKey, StoredDelivery> dead = new TreeMap<>();
  private final Map<String, TreeMap<SeqKey, StoredDelivery>> byChannel = new HashMap<>();

  /** Indexes a delivery if it is DEAD. */
  void index(StoredDelivery d) {
    if (d.record.state() != DeliveryState.DEAD) {
      return;
    }
    d.deadKey = new SeqKey(d.record.updatedAt(), d.seq);
    dead.put(d.deadKey, d);
    byChannel.computeIfAbsent(d.record.channel(), c -> new TreeMap<>()).put(d.deadKey, d);
  }

  /** Takes a delivery out of the index, if it is in. */
  void unindex(StoredDelivery d) {
    if (d.deadKey == null) {
      return;
    }
    dead.remove(d.deadKey);
    String channel = d.record.channel();
    TreeMap<SeqKey, StoredDelivery> ofChannel = byChannel.get(channel);
    ofChannel.remove(d.deadKey);
    if (ofChannel.isEmpty()) {
      byChannel.remove(channel);
    }
    d.deadKey = null;
  }

  /**
   * See {@code NotificationLog.deadLetters}.
   *
   * @param channel only deliveries of this channel, or {@code null} for all
   * @param limit at most this many
   * @return notifications with at least one DEAD delivery, most recently updated first
   */
  List<NotificationRecord> list(@Nullable String channel, int limit) {
    TreeMap<SeqKey, StoredDelivery> source = channel == null ? dead : byChannel.get(channel);
    if (source == null) {
      return List.of();
    }
    Set<StoredNotification> found = new LinkedHashSet<>();
    for (StoredDelivery d : source.descendingMap().values()) {
      if (found.size() == limit) {
        break;
      }
      found.add(d.notification);
    }
    List<NotificationRecord> records = new ArrayList<>(found.size());
    for (StoredNotification n : found) {
      records.add(n.view());
    }
    return Collections.unmodifiableList(records);
  }
}
