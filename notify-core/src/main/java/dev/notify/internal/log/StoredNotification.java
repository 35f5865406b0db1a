package dev.notify.internal.log;

import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.spi.DeliveryRecord;
import dev.notify.spi.NotificationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One stored notification with its delivery cells and its place in the finished indexes. */
final class StoredNotification {
  final Notification notification;
  final String payloadHash;
  final SeqKey ageKey;
  final List<StoredDelivery> deliveries = new ArrayList<>();
  final Set<String> recipientKeys = new LinkedHashSet<>();

  /** Deliveries not yet terminal; the notification is finished (evictable, purgeable) at zero. */
  int unfinished;
  /** Key in the purge index (last change), or null while unfinished. */
  SeqKey finishedKey;
  /** The record as last built, or null after a change: claims often return several deliveries. */
  private NotificationRecord snapshot;

  StoredNotification(NotificationRecord record, long seq) {
    this.notification = record.notification();
    this.payloadHash = record.payloadHash();
    this.ageKey = new SeqKey(record.acceptedAt(), seq);
    for (Recipient r : notification.recipients()) {
      recipientKeys.add(r.key());
    }
  }

  String id() {
    return notification.id();
  }

  Instant acceptedAt() {
    return ageKey.at();
  }

  void changed() {
    snapshot = null;
  }

  NotificationRecord snapshot() {
    if (snapshot == null) {
      List<DeliveryRecord> records = new ArrayList<>(deliveries.size());
      for (StoredDelivery d : deliveries) {
        records.add(d.record);
      }
      snapshot = new NotificationRecord(notification, payloadHash, acceptedAt(), records);
    }
    return snapshot;
  }

  /** @return the latest change of any delivery, or the acceptance when there are none */
  Instant lastChange() {
    Instant last = null;
    for (StoredDelivery d : deliveries) {
      if (last == null || d.record.updatedAt().isAfter(last)) {
        last = d.record.updatedAt();
      }
    }
    return last != null ? last : acceptedAt();
  }
}
