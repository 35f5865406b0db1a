package dev.notify.inmemory;

import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.LogFullException;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.spi.log.ReceiptResult;
import dev.notify.status.DeliveryState;
import dev.notify.status.GroupMembers;
import dev.notify.status.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The state of {@code dev.notify.inmemory.InMemoryNotificationLog}: notifications, deliveries,
 * instance leases and every index, kept consistent by routing each delivery change through
 * {@link #replace}. Every operation is O(log n) per delivery it touches; nothing scans the whole
 * log. Each operation is given the log's current time, read once under the lock.
 *
 * <p>Not thread-safe: the log calls it under one lock, which makes every operation atomic.
 */
final class LogStore {
  private static final String CANCELLED_REASON = "cancelled";

  private final int maxNotifications;
  private long nextSeq;

  private final Map<String, StoredNotification> notifications = new HashMap<>();
  private final Map<String, StoredDelivery> deliveries = new HashMap<>();
  private final ClaimIndex claims = new ClaimIndex();
  private final ReceiptBook receipts = new ReceiptBook();
  private final RecipientHistory history = new RecipientHistory();
  private final DeadLetterIndex dead = new DeadLetterIndex();
  /** Finished notifications by acceptance (eviction) and by last change (purge). */
  private final FinishedIndex finished = new FinishedIndex();
  private final MemberTally members = new MemberTally();
  /** The ids of evicted notifications, still deduplicated; never those of purged ones. */
  private final Tombstones evicted;

  /**
   * Creates an empty store.
   *
   * @param maxNotifications the bound, positive
   * @param evicted where evicted notifications leave their tombstones
   */
  LogStore(int maxNotifications, Tombstones evicted) {
    this.maxNotifications = maxNotifications;
    this.evicted = evicted;
  }

  /** {@return the number of notifications held} */
  int size() {
    return notifications.size();
  }

  /**
   * See {@code NotificationLog.appendAll}; {@code append} is a batch of one.
   *
   * @param records the notifications, in order
   * @param now the log's time
   * @return one result per record
   */
  List<AppendResult> append(List<NotificationRecord> records, Instant now) {
    evicted.dropExpired(now);
    AppendPlan plan = AppendPlan.of(records, id -> {
      StoredNotification stored = notifications.get(id);
      return stored != null ? stored.payloadHash : evicted.hashOf(id, now);
    });
    if (plan.refused()) {
      return plan.results();
    }
    Map<String, NotificationRecord> fresh = plan.fresh();
    checkDeliveries(fresh.values());
    Set<String> named = new HashSet<>();
    for (NotificationRecord r : records) {
      named.add(r.id());
    }
    makeRoom(fresh.size(), named, now);
    for (NotificationRecord r : fresh.values()) {
      store(r, now);
    }
    return plan.results();
  }

  private void checkDeliveries(Iterable<NotificationRecord> records) {
    Set<String> ids = new HashSet<>();
    for (NotificationRecord record : records) {
      checkNew(record.id(), record.deliveries(), ids);
    }
  }

  /** Checks that deliveries name their notification and that their ids are new. */
  private void checkNew(String notificationId, List<DeliveryRecord> added, Set<String> ids) {
    for (DeliveryRecord r : added) {
      if (!r.notificationId().equals(notificationId)) {
        throw new IllegalArgumentException("delivery " + r.id()
            + " names notification " + r.notificationId() + ", not " + notificationId);
      }
      if (!ids.add(r.id()) || deliveries.containsKey(r.id())) {
        throw new IllegalArgumentException("delivery id is not unique: " + r.id());
      }
    }
  }

  /**
   * Evicts the oldest finished notifications (not those of the batch) so that count more fit,
   * leaving a tombstone for each.
   */
  private void makeRoom(int count, Set<String> batch, Instant now) {
    int excess = notifications.size() + count - maxNotifications;
    if (excess <= 0) {
      return;
    }
    List<StoredNotification> evictable = finished.oldest(excess, batch);
    if (evictable.size() < excess) {
      throw new LogFullException("the in-memory notification log is full: it holds its bound of "
          + maxNotifications + " notifications and cannot make room for " + count + " more (a"
          + " finished notification is evicted to make room, and only " + evictable.size()
          + " of those it holds have finished; the others have deliveries still pending); raise"
          + " the bound with InMemoryNotificationLog.builder().maxNotifications(n), or use a"
          + " durable log");
    }
    for (StoredNotification n : evictable) {
      remove(n);
      evicted.add(n.id(), n.payloadHash, now);
    }
  }

  private void store(NotificationRecord record, Instant now) {
    StoredNotification n = new StoredNotification(record, nextSeq++);
    for (DeliveryRecord r : record.deliveries()) {
      StoredDelivery d = new StoredDelivery(nextSeq++, n, Records.accepted(r, now));
      n.deliveries.add(d);
      deliveries.put(r.id(), d);
      index(d);
      if (!r.state().isTerminal()) {
        n.unfinished++;
      }
    }
    notifications.put(n.id(), n);
    history.add(n);
    refreshFinished(n);
  }

  /**
   * See {@code NotificationLog.claimDue}.
   *
   * @param channel the channel's name
   * @param owner the claiming instance
   * @param now the log's time
   * @param limit at most this many
   * @return the claimed deliveries, each with its notification
   */
  List<ClaimedDelivery> claimDue(String channel, String owner, Instant now, int limit) {
    List<StoredDelivery> due = claims.due(channel, owner, now, limit);
    List<ClaimedDelivery> claimed = new ArrayList<>(due.size());
    for (StoredDelivery d : due) {
      DeliveryState from = d.record.state();
      replace(d, d.record.claim(owner, now));
      StoredNotification n = d.notification;
      claimed.add(new ClaimedDelivery(n.notification, n.acceptedAt(), n.parentId, d.record,
          from));
    }
    return Collections.unmodifiableList(claimed);
  }

  /**
   * See {@code NotificationLog.hasDue}.
   *
   * @param channel the channel's name
   * @param owner the instance that would claim
   * @param now the log's time
   * @return true if a delivery of the channel could be claimed by {@code owner} now
   */
  boolean hasDue(String channel, String owner, Instant now) {
    return claims.hasDue(channel, owner, now);
  }

  /**
   * See {@code NotificationLog.heartbeat}.
   *
   * @param owner the instance
   * @param lease how long its claims hold from now
   * @param now the log's time
   */
  void heartbeat(String owner, Duration lease, Instant now) {
    claims.heartbeat(owner, now.plus(lease));
  }

  /**
   * See {@code NotificationLog.releaseAll}.
   *
   * @param owner the instance
   * @param keep delivery ids to go on holding
   * @param now the log's time
   * @return the number of deliveries given back
   */
  int releaseAll(String owner, Set<String> keep, Instant now) {
    int released = 0;
    for (StoredDelivery d : claims.heldBy(owner)) {
      if (!keep.contains(d.record.id())) {
        replace(d, Records.givenBack(d.record, now));
        released++;
      }
    }
    return released;
  }

  /**
   * See {@code NotificationLog.transition}.
   *
   * @param deliveryId the delivery to change
   * @param fence the claim the caller holds
   * @param update the change to apply
   * @param now the log's time
   * @return false if the fence did not match or the delivery is gone
   */
  boolean transition(String deliveryId, Fence fence, DeliveryUpdate update, Instant now) {
    StoredDelivery d = deliveries.get(deliveryId);
    if (d == null) {
      return false;
    }
    if (d.isRetryOf(fence, update)) {
      return true;
    }
    if (!holds(d, fence)) {
      return false;
    }
    replace(d, receipts.attachKept(d.record.apply(update, now)));
    d.rememberTransition(fence, update);
    return true;
  }

  /**
   * See {@code NotificationLog.expand}.
   *
   * @param deliveryId the placeholder delivery
   * @param fence the claim the caller holds on it
   * @param replacements the deliveries it resolved to
   * @param now the log's time
   * @return false if the fence did not match or the placeholder is gone
   */
  boolean expand(String deliveryId, Fence fence, List<DeliveryRecord> replacements,
      Instant now) {
    StoredDelivery d = deliveries.get(deliveryId);
    if (d == null || !holds(d, fence)) {
      return false;
    }
    StoredNotification n = d.notification;
    checkNew(n.id(), replacements, new HashSet<>());
    unindex(d);
    deliveries.remove(deliveryId);
    int at = n.deliveries.indexOf(d);
    n.deliveries.remove(at);
    if (!d.record.state().isTerminal()) {
      n.unfinished--;
    }
    for (DeliveryRecord r : replacements) {
      StoredDelivery added = new StoredDelivery(nextSeq++, n, Records.accepted(r, now));
      n.deliveries.add(at++, added);
      deliveries.put(r.id(), added);
      index(added);
      if (!r.state().isTerminal()) {
        n.unfinished++;
      }
    }
    refreshFinished(n);
    return true;
  }

  private static boolean holds(StoredDelivery d, Fence fence) {
    return fence.owner().equals(d.record.owner()) && fence.seq() == d.record.leaseSeq();
  }

  /**
   * See {@code NotificationLog.cancel}.
   *
   * @param notificationId the notification to cancel
   * @param now the log's time
   * @return the deliveries cancelled, as they are now
   */
  List<DeliveryRecord> cancel(String notificationId, Instant now) {
    StoredNotification n = notifications.get(notificationId);
    if (n == null) {
      return List.of();
    }
    List<DeliveryRecord> cancelled = new ArrayList<>();
    for (StoredDelivery d : n.deliveries) {
      DeliveryState s = d.record.state();
      if (s == DeliveryState.SCHEDULED || s == DeliveryState.QUEUED
          || s == DeliveryState.RETRY_SCHEDULED) {
        replace(d, d.record.reset(DeliveryState.CANCELLED, d.record.attemptCount(),
            CANCELLED_REASON, now));
        cancelled.add(d.record);
      }
    }
    return Collections.unmodifiableList(cancelled);
  }

  /**
   * See {@code NotificationLog.replay}.
   *
   * @param notificationId the notification to replay
   * @param now the log's time
   * @return the deliveries replayed, as they are now
   */
  List<DeliveryRecord> replay(String notificationId, Instant now) {
    StoredNotification n = notifications.get(notificationId);
    if (n == null) {
      return List.of();
    }
    List<DeliveryRecord> replayed = new ArrayList<>();
    for (StoredDelivery d : n.deliveries) {
      if (d.record.state() == DeliveryState.DEAD) {
        replace(d, d.record.reset(DeliveryState.QUEUED, 0, null, now));
        replayed.add(d.record);
      }
    }
    return Collections.unmodifiableList(replayed);
  }

  /**
   * See {@code NotificationLog.recordReceipt}.
   *
   * @param key the channel and the provider's message id
   * @param receipt the receipt to add
   * @param now the log's time
   * @return recorded, duplicate, or kept
   */
  ReceiptResult recordReceipt(ProviderKey key, Receipt receipt, Instant now) {
    return receipts.record(key, receipt, now);
  }

  /**
   * See {@code NotificationLog.recordReceiptFor}.
   *
   * @param deliveryId the delivery's id
   * @param receipt the receipt to add
   * @return recorded, duplicate, or unknown
   */
  ReceiptResult recordReceiptFor(String deliveryId, Receipt receipt) {
    StoredDelivery d = deliveries.get(deliveryId);
    return d == null ? new ReceiptResult.Unknown() : ReceiptBook.add(d, receipt);
  }

  /**
   * See {@code NotificationLog.find}.
   *
   * @param notificationId the notification's id
   * @return the notification, if stored
   */
  Optional<NotificationRecord> find(String notificationId) {
    StoredNotification n = notifications.get(notificationId);
    return n == null ? Optional.empty() : Optional.of(n.view());
  }

  /**
   * See {@code NotificationLog.history}.
   *
   * @param recipientKey a {@link dev.notify.Recipient#key()}
   * @param limit at most this many
   * @return the notifications that named this recipient, newest first
   */
  List<NotificationRecord> history(String recipientKey, int limit) {
    return history.of(recipientKey, limit);
  }

  /**
   * See {@code NotificationLog.deadLetters}.
   *
   * @param channel only deliveries of this channel, or {@code null} for all
   * @param limit at most this many
   * @return notifications with at least one DEAD delivery, most recently updated first
   */
  List<NotificationRecord> deadLetters(@Nullable String channel, int limit) {
    return dead.list(channel, limit);
  }

  /**
   * See {@code NotificationLog.members}.
   *
   * @param parentId the broadcast's id
   * @return its members by state
   */
  GroupMembers members(String parentId) {
    return members.of(parentId);
  }

  /**
   * See {@code NotificationLog.purge}; also drops early receipts kept long enough and expired
   * tombstones. What it removes leaves no tombstone.
   *
   * @param finishedFor how long a finished notification is kept
   * @param now the log's time
   * @return the number of notifications removed
   */
  int purge(Duration finishedFor, Instant now) {
    receipts.dropExpired(now);
    evicted.dropExpired(now);
    List<StoredNotification> purged = finished.lastChangedBefore(now.minus(finishedFor));
    for (StoredNotification n : purged) {
      remove(n);
    }
    return purged.size();
  }

  /**
   * The one way a stored delivery changes (receipts aside, see {@link ReceiptBook#add}): indexes
   * out, new record in, indexes back. A change other than a transition also makes a repeat of the last transition a new
   * request rather than its retry; {@link #transition} remembers itself after this.
   */
  private void replace(StoredDelivery d, DeliveryRecord next) {
    boolean wasTerminal = d.record.state().isTerminal();
    boolean terminal = next.state().isTerminal();
    d.forgetTransition();
    if (sameIndexes(d.record, next)) {
      d.record = next; // QUEUED -> SENDING, say: every index key is unchanged
    } else {
      unindex(d);
      d.record = next;
      index(d);
    }
    StoredNotification n = d.notification;
    if (wasTerminal != terminal) {
      n.unfinished += terminal ? -1 : 1;
    }
    if (wasTerminal || terminal) {
      refreshFinished(n);
    }
  }

  /** @return true if both records sit at the same place in every index */
  private static boolean sameIndexes(DeliveryRecord a, DeliveryRecord b) {
    if (a.state() == DeliveryState.DEAD || b.state() == DeliveryState.DEAD
        || a.state().isTerminal() != b.state().isTerminal()
        || !Objects.equals(a.providerMessageId(), b.providerMessageId())) {
      return false;
    }
    if (a.state().isTerminal()) {
      return true; // in no claim queue
    }
    return Objects.equals(a.owner(), b.owner()) && a.priority() == b.priority()
        && a.channel().equals(b.channel()) && a.dueAt().equals(b.dueAt());
  }

  private void index(StoredDelivery d) {
    claims.add(d);
    dead.index(d);
    receipts.index(d);
  }

  private void unindex(StoredDelivery d) {
    claims.remove(d);
    dead.unindex(d);
    receipts.unindex(d);
  }

  private void refreshFinished(StoredNotification n) {
    members.count(n);
    finished.refresh(n);
  }

  private void remove(StoredNotification n) {
    members.forget(n);
    for (StoredDelivery d : n.deliveries) {
      unindex(d);
      deliveries.remove(d.record.id());
    }
    notifications.remove(n.id());
    history.remove(n);
    finished.forget(n);
  }
}
