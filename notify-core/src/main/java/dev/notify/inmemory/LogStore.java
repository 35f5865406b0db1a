package dev.notify.inmemory;

import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.LogFullException;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.status.GroupMembers;
import dev.notify.status.Receipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The state of {@code dev.notify.inmemory.InMemoryNotificationLog}: notifications, deliveries and every
 * index, kept consistent by routing each delivery change through {@link #replace}. Every operation
 * is O(log n) per delivery it touches; nothing scans the whole log.
 *
 * <p>Not thread-safe: the log calls it under one lock, which makes every operation atomic.
 */
final class LogStore {
  private static final String CANCELLED_REASON = "cancelled";

  private final int maxNotifications;
  private long nextSeq;

  private final Map<String, StoredNotification> notifications = new HashMap<>();
  private final Map<String, StoredDelivery> deliveries = new HashMap<>();
  private final Map<String, ClaimQueue> queues = new HashMap<>();
  private final Map<String, StoredDelivery> byProviderMessageId = new HashMap<>();
  /** Recipient key → notifications by acceptance. */
  private final Map<String, TreeMap<SeqKey, StoredNotification>> byRecipient = new HashMap<>();
  /** DEAD deliveries by last change, all channels and per channel. */
  private final TreeMap<SeqKey, StoredDelivery> dead = new TreeMap<>();
  private final Map<String, TreeMap<SeqKey, StoredDelivery>> deadByChannel = new HashMap<>();
  /** Finished notifications by acceptance (eviction) and by last change (purge). */
  private final FinishedIndex finished = new FinishedIndex();
  private final MemberTally members = new MemberTally();

  /**
   * Creates an empty store.
   *
   * @param maxNotifications the bound, positive
   */
  public LogStore(int maxNotifications) {
    this.maxNotifications = maxNotifications;
  }

  /** {@return the number of notifications held} */
  public int size() {
    return notifications.size();
  }

  /**
   * See {@code NotificationLog.append}.
   *
   * @param record the notification with its deliveries
   * @return appended, or the record already stored under that id
   */
  public AppendResult append(NotificationRecord record) {
    StoredNotification existing = notifications.get(record.id());
    if (existing != null) {
      return new AppendResult.Existing(existing.snapshot());
    }
    checkDeliveries(record);
    if (notifications.size() >= maxNotifications) {
      evictOldestFinished();
    }
    StoredNotification n = new StoredNotification(record, nextSeq++);
    for (DeliveryRecord r : record.deliveries()) {
      StoredDelivery d = new StoredDelivery(nextSeq++, n, r);
      n.deliveries.add(d);
      deliveries.put(r.id(), d);
      index(d);
      if (!r.state().isTerminal()) {
        n.unfinished++;
      }
    }
    notifications.put(n.id(), n);
    for (String key : n.recipientKeys) {
      byRecipient.computeIfAbsent(key, k -> new TreeMap<>()).put(n.ageKey, n);
    }
    refreshFinished(n);
    return new AppendResult.Appended();
  }

  private void checkDeliveries(NotificationRecord record) {
    Set<String> ids = new HashSet<>();
    for (DeliveryRecord r : record.deliveries()) {
      if (!r.notificationId().equals(record.id())) {
        throw new IllegalArgumentException("delivery " + r.id()
            + " names notification " + r.notificationId() + ", not " + record.id());
      }
      if (!ids.add(r.id()) || deliveries.containsKey(r.id())) {
        throw new IllegalArgumentException("delivery id is not unique: " + r.id());
      }
    }
  }

  private void evictOldestFinished() {
    StoredNotification oldest = finished.oldest();
    if (oldest == null) {
      throw new LogFullException("the in-memory notification log is full: it holds its bound of "
          + maxNotifications + " notifications and none has finished (every one has a delivery"
          + " still pending), so none can be evicted; raise the bound with"
          + " InMemoryNotificationLog.builder().maxNotifications(n), or use a durable log");
    }
    remove(oldest);
  }

  /**
   * See {@code NotificationLog.claimDue}.
   *
   * @param channel the channel's name
   * @param owner the claiming instance
   * @param now the current time
   * @param leaseUntil when the new claims expire
   * @param limit at most this many
   * @return the claimed deliveries, each with its notification
   */
  public List<ClaimedDelivery> claimDue(String channel, String owner, Instant now,
      Instant leaseUntil, int limit) {
    ClaimQueue queue = queues.get(channel);
    if (queue == null || limit == 0) {
      return List.of();
    }
    List<StoredDelivery> due = queue.due(now, limit);
    DeliveryState[] from = new DeliveryState[due.size()];
    for (int i = 0; i < due.size(); i++) {
      StoredDelivery d = due.get(i);
      from[i] = d.record.state();
      replace(d, d.record.claim(owner, leaseUntil, now));
    }
    List<ClaimedDelivery> claimed = new ArrayList<>(due.size());
    for (int i = 0; i < due.size(); i++) {
      StoredDelivery d = due.get(i);
      claimed.add(new ClaimedDelivery(d.notification.snapshot(), d.record, from[i]));
    }
    return claimed;
  }

  /**
   * See {@code NotificationLog.hasDue}.
   *
   * @param channel the channel's name
   * @param now the current time
   * @return true if a delivery of the channel could be claimed now
   */
  public boolean hasDue(String channel, Instant now) {
    ClaimQueue queue = queues.get(channel);
    return queue != null && queue.hasDue(now);
  }

  /**
   * See {@code NotificationLog.renew}.
   *
   * @param claims delivery id → the fence the caller holds
   * @param leaseUntil the new lease expiry
   * @return the ids whose fence no longer matched
   */
  public Set<String> renew(Map<String, Fence> claims, Instant leaseUntil) {
    Set<String> lost = new HashSet<>();
    for (Map.Entry<String, Fence> claim : claims.entrySet()) {
      StoredDelivery d = held(claim.getKey(), claim.getValue());
      if (d == null) {
        lost.add(claim.getKey());
      } else {
        replace(d, d.record.renew(leaseUntil));
      }
    }
    return Collections.unmodifiableSet(lost);
  }

  /**
   * See {@code NotificationLog.transition}.
   *
   * @param deliveryId the delivery to change
   * @param fence the claim the caller holds
   * @param update the change to apply
   * @return false if the fence did not match or the delivery is gone
   */
  public boolean transition(String deliveryId, Fence fence, DeliveryUpdate update) {
    StoredDelivery d = held(deliveryId, fence);
    if (d == null) {
      return false;
    }
    replace(d, d.record.apply(update));
    return true;
  }

  /**
   * See {@code NotificationLog.expand}.
   *
   * @param deliveryId the placeholder delivery
   * @param fence the claim the caller holds on it
   * @param replacements the deliveries it resolved to
   * @return false if the fence did not match
   */
  public boolean expand(String deliveryId, Fence fence, List<DeliveryRecord> replacements) {
    StoredDelivery d = held(deliveryId, fence);
    if (d == null) {
      return false;
    }
    StoredNotification n = d.notification;
    Set<String> ids = new HashSet<>();
    for (DeliveryRecord r : replacements) {
      if (!r.notificationId().equals(n.id())) {
        throw new IllegalArgumentException("delivery " + r.id() + " names notification "
            + r.notificationId() + ", not " + n.id());
      }
      if (!ids.add(r.id()) || deliveries.containsKey(r.id())) {
        throw new IllegalArgumentException("delivery id is not unique: " + r.id());
      }
    }
    unindex(d);
    deliveries.remove(deliveryId);
    int at = n.deliveries.indexOf(d);
    n.deliveries.remove(at);
    if (!d.record.state().isTerminal()) {
      n.unfinished--;
    }
    for (DeliveryRecord r : replacements) {
      StoredDelivery added = new StoredDelivery(nextSeq++, n, r);
      n.deliveries.add(at++, added);
      deliveries.put(r.id(), added);
      index(added);
      if (!r.state().isTerminal()) {
        n.unfinished++;
      }
    }
    n.changed();
    refreshFinished(n);
    return true;
  }

  private @Nullable StoredDelivery held(String deliveryId, Fence fence) {
    StoredDelivery d = deliveries.get(deliveryId);
    if (d == null || !fence.owner().equals(d.record.owner()) || fence.seq() != d.record.leaseSeq()) {
      return null;
    }
    return d;
  }

  /**
   * See {@code NotificationLog.cancel}.
   *
   * @param notificationId the notification to cancel
   * @param now the current time
   * @return the number of deliveries cancelled
   */
  public int cancel(String notificationId, Instant now) {
    StoredNotification n = notifications.get(notificationId);
    if (n == null) {
      return 0;
    }
    int count = 0;
    for (StoredDelivery d : n.deliveries) {
      DeliveryState s = d.record.state();
      if (s == DeliveryState.SCHEDULED || s == DeliveryState.QUEUED
          || s == DeliveryState.RETRY_SCHEDULED) {
        replace(d, d.record.reset(DeliveryState.CANCELLED, d.record.attemptCount(),
            CANCELLED_REASON, now));
        count++;
      }
    }
    return count;
  }

  /**
   * See {@code NotificationLog.replay}.
   *
   * @param notificationId the notification to replay
   * @param now the current time
   * @return the number of deliveries replayed
   */
  public int replay(String notificationId, Instant now) {
    StoredNotification n = notifications.get(notificationId);
    if (n == null) {
      return 0;
    }
    int count = 0;
    for (StoredDelivery d : n.deliveries) {
      if (d.record.state() == DeliveryState.DEAD) {
        replace(d, d.record.reset(DeliveryState.QUEUED, 0, null, now));
        count++;
      }
    }
    return count;
  }

  /**
   * See {@code NotificationLog.recordReceipt}.
   *
   * @param providerMessageId the id the provider returned when it accepted the delivery
   * @param receipt the receipt to add
   * @return the delivery after the change, or empty if none is known under that id
   */
  public Optional<DeliveryRecord> recordReceipt(String providerMessageId, Receipt receipt) {
    StoredDelivery d = byProviderMessageId.get(providerMessageId);
    if (d == null) {
      return Optional.empty();
    }
    replace(d, d.record.withReceipt(receipt));
    return Optional.of(d.record);
  }

  /**
   * See {@code NotificationLog.find}.
   *
   * @param notificationId the notification's id
   * @return the notification, if stored
   */
  public Optional<NotificationRecord> find(String notificationId) {
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
  public List<NotificationRecord> history(String recipientKey, int limit) {
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

  /**
   * See {@code NotificationLog.deadLetters}.
   *
   * @param channel only deliveries of this channel, or {@code null} for all
   * @param limit at most this many
   * @return notifications with at least one DEAD delivery, most recently updated first
   */
  public List<NotificationRecord> deadLetters(@Nullable String channel, int limit) {
    TreeMap<SeqKey, StoredDelivery> source = channel == null ? dead : deadByChannel.get(channel);
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

  /**
   * See {@code NotificationLog.members}.
   *
   * @param parentId the broadcast's id
   * @return its members by state
   */
  public GroupMembers members(String parentId) {
    return members.of(parentId);
  }

  /**
   * See {@code NotificationLog.purge}.
   *
   * @param finishedBefore the instant before which finished notifications are removed
   * @return the number of notifications removed
   */
  public int purge(Instant finishedBefore) {
    List<StoredNotification> purged = finished.lastChangedBefore(finishedBefore);
    for (StoredNotification n : purged) {
      remove(n);
    }
    return purged.size();
  }

  /** The one way a stored delivery changes: indexes out, new record in, indexes back. */
  private void replace(StoredDelivery d, DeliveryRecord next) {
    boolean wasTerminal = d.record.state().isTerminal();
    boolean terminal = next.state().isTerminal();
    if (sameIndexes(d.record, next)) {
      d.record = next; // QUEUED -> SENDING, say: every index key is unchanged
    } else {
      unindex(d);
      d.record = next;
      index(d);
    }
    StoredNotification n = d.notification;
    n.changed();
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
    boolean aLeased = a.owner() != null && a.leaseUntil() != null;
    boolean bLeased = b.owner() != null && b.leaseUntil() != null;
    return aLeased == bLeased && a.priority() == b.priority() && a.channel().equals(b.channel())
        && (aLeased ? a.leaseUntil().equals(b.leaseUntil()) : a.dueAt().equals(b.dueAt()));
  }

  private void index(StoredDelivery d) {
    DeliveryRecord r = d.record;
    queues.computeIfAbsent(r.channel(), c -> new ClaimQueue()).add(d);
    if (r.state() == DeliveryState.DEAD) {
      d.deadKey = new SeqKey(r.updatedAt(), d.seq);
      dead.put(d.deadKey, d);
      deadByChannel.computeIfAbsent(r.channel(), c -> new TreeMap<>()).put(d.deadKey, d);
    }
    if (r.providerMessageId() != null) {
      byProviderMessageId.put(r.providerMessageId(), d);
    }
  }

  private void unindex(StoredDelivery d) {
    DeliveryRecord r = d.record;
    ClaimQueue queue = queues.get(r.channel());
    if (queue != null) {
      queue.remove(d);
    }
    if (d.deadKey != null) {
      dead.remove(d.deadKey);
      TreeMap<SeqKey, StoredDelivery> ofChannel = deadByChannel.get(r.channel());
      ofChannel.remove(d.deadKey);
      if (ofChannel.isEmpty()) {
        deadByChannel.remove(r.channel());
      }
      d.deadKey = null;
    }
    if (r.providerMessageId() != null) {
      byProviderMessageId.remove(r.providerMessageId(), d);
    }
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
    for (String key : n.recipientKeys) {
      TreeMap<SeqKey, StoredNotification> named = byRecipient.get(key);
      named.remove(n.ageKey);
      if (named.isEmpty()) {
        byRecipient.remove(key);
      }
    }
    finished.forget(n);
  }
}
