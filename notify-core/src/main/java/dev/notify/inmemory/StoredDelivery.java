package dev.notify.inmemory;

import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import org.jspecify.annotations.Nullable;

/**
 * The mutable cell of one delivery: its current record and where it sits in the indexes, so that
 * a change removes exactly the old index entries before adding the new ones.
 */
final class StoredDelivery {
  final long seq;
  final StoredNotification notification;
  DeliveryRecord record;

  /** Key in the channel's claim queue (its unclaimed or its held part), or null while terminal. */
  @Nullable SeqKey queueKey;
  /** Key in the dead-letter indexes, or null unless DEAD. */
  @Nullable SeqKey deadKey;
  /**
   * The fence and update of the transition applied last, while nothing else has changed the
   * delivery since: a caller that saw an exception retries it, and the retry must find it applied.
   */
  private @Nullable Fence lastFence;
  private @Nullable DeliveryUpdate lastUpdate;

  StoredDelivery(long seq, StoredNotification notification, DeliveryRecord record) {
    this.seq = seq;
    this.notification = notification;
    this.record = record;
  }

  /** Remembers the transition just applied. */
  void rememberTransition(Fence fence, DeliveryUpdate update) {
    lastFence = fence;
    lastUpdate = update;
  }

  /** Forgets it: something else changed the delivery, so a repeat is no longer a retry. */
  void forgetTransition() {
    lastFence = null;
    lastUpdate = null;
  }

  /** {@return true if this is the transition applied last, repeated} */
  boolean isRetryOf(Fence fence, DeliveryUpdate update) {
    return fence.equals(lastFence) && update.equals(lastUpdate);
  }
}
