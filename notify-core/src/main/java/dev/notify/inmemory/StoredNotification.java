package dev.notify.inmemory;

import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.NotificationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One stored notification with its delivery cells and its place in the finished indexes. */
final class StoredNotification {
  final Notification notification;
  final String payloadHash;
  final SeqKey ageKey;
  final List<StoredDelivery> deliveries = new ArrayList<>();
  /** For a group member's notification, the broadcast's id; else null. */
  final @Nullable String parentId;
  /** The state a member is counted under in {@link MemberTally}, or null if not counted. */
  @Nullable NotificationState countedAs;
  /** Distinct, in the notification's order; usually one. */
  final List<String> recipientKeys;

  /** Deliveries not yet terminal; the notification is finished (evictable, purgeable) at zero. */
  int unfinished;
  /** Key in the purge index (last change), or null while unfinished. */
  @Nullable SeqKey finishedKey;

  StoredNotification(NotificationRecord record, long seq) {
    this.notification = record.notification();
    this.payloadHash = record.payloadHash();
    this.parentId = record.parentId();
    this.ageKey = new SeqKey(record.acceptedAt(), seq);
    List<Recipient> recipients = notification.recipients();
    if (recipients.size() == 1) {
      recipientKeys = List.of(recipients.get(0).key());
    } else {
      Set<String> keys = new LinkedHashSet<>();
      for (Recipient r : recipients) {
        keys.add(r.key());
      }
      recipientKeys = List.copyOf(keys);
    }
  }

  String id() {
    return notification.id();
  }

  Instant acceptedAt() {
    return ageKey.at();
  }

  /**
   * The record for a reader (status, history), built on each read: claims hand out the
   * notification and one delivery, never the whole record, so there is nothing worth caching.
   */
  NotificationRecord view() {
    List<DeliveryRecord> records = new ArrayList<>(deliveries.size());
    for (StoredDelivery d : deliveries) {
      records.add(d.record);
    }
    return new NotificationRecord(notification, payloadHash, acceptedAt(), records, parentId);
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
