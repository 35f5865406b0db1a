package dev.notify.inmemory;

import dev.notify.spi.log.DeliveryRecord;
import org.jspecify.annotations.Nullable;

/**
 * The mutable cell of one delivery: its current record and where it sits in the indexes, so that
 * a change removes exactly the old index entries before adding the new ones.
 */
final class StoredDelivery {
  final long seq;
  final StoredNotification notification;
  DeliveryRecord record;

  /** Key in the channel's claim queue, or null while terminal. */
  @Nullable SeqKey queueKey;
  /** Whether {@link #queueKey} is in the queue's leased part (else its ready part). */
  boolean inLeased;
  /** Key in the dead-letter indexes, or null unless DEAD. */
  @Nullable SeqKey deadKey;

  StoredDelivery(long seq, StoredNotification notification, DeliveryRecord record) {
    this.seq = seq;
    this.notification = notification;
    this.record = record;
  }
}
