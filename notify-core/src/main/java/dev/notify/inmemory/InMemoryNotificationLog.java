package dev.notify.inmemory;

import static java.util.Objects.requireNonNull;

import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.LogFullException;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.GroupMembers;
import dev.notify.status.Receipt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link NotificationLog}: everything in memory, bounded, lost when the process ends.
 * Use it for a single instance that can afford to lose pending notifications on a crash; use a
 * durable log (notify-jdbc) to survive restarts or to share work between instances.
 *
 * <pre>{@code
 * NotificationLog log = InMemoryNotificationLog.builder()
 *     .maxNotifications(500_000)
 *     .build();
 * }</pre>
 *
 * <h2>Bound and eviction</h2>
 * The log holds at most {@link Builder#maxNotifications(int) maxNotifications} notifications. When
 * it is full, {@link #append} first evicts the oldest notification (by acceptance) whose deliveries
 * are all terminal; if every notification still has a pending delivery it throws
 * {@link LogFullException} and stores nothing. Eviction weakens deduplication: once a notification
 * is evicted its id is unknown here, and appending the same id again stores a new notification.
 * Size the bound so that finished notifications stay at least as long as the client's idempotency
 * window, and call {@link #purge} to drop old finished notifications before the bound is reached.
 *
 * <h2>Threading and cost</h2>
 * Thread-safe. Every method is atomic with respect to every other: one lock guards the state and
 * is held only for the index updates of a call. Appends, transitions, renewals and claims cost
 * O(log n) per delivery they touch; claims take from a per-channel index ordered by priority and
 * due time and never scan deliveries they cannot take. No method does I/O or blocks for long.
 */
public final class InMemoryNotificationLog implements NotificationLog {

  /** The bound used by {@link #create()} and by default by the {@link Builder}. */
  public static final int DEFAULT_MAX_NOTIFICATIONS = 100_000;

  private final int maxNotifications;
  private final ReentrantLock lock = new ReentrantLock();
  private final LogStore store;

  private InMemoryNotificationLog(Builder builder) {
    this.maxNotifications = builder.maxNotifications;
    this.store = new LogStore(maxNotifications);
  }

  /** {@return an empty log holding at most {@value #DEFAULT_MAX_NOTIFICATIONS} notifications} */
  public static InMemoryNotificationLog create() {
    return builder().build();
  }

  /** {@return a builder for a log with a different bound} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the number of notifications held, finished or not} */
  public int size() {
    lock.lock();
    try {
      return store.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>When the log is full, the oldest finished notification is evicted first; see the class
   * documentation.
   *
   * @throws IllegalArgumentException if a delivery names another notification or its id is
   *     already stored
   */
  @Override
  public AppendResult append(NotificationRecord record) {
    requireNonNull(record, "record");
    lock.lock();
    try {
      return store.append(record);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  @Override
  public List<ClaimedDelivery> claimDue(String channel, String owner, Instant now,
      Instant leaseUntil, int limit) {
    requireNonNull(channel, "channel");
    requireNonNull(owner, "owner");
    requireNonNull(now, "now");
    requireNonNull(leaseUntil, "leaseUntil");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    lock.lock();
    try {
      return store.claimDue(channel, owner, now, leaseUntil, limit);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean hasDue(String channel, Instant now) {
    requireNonNull(channel, "channel");
    requireNonNull(now, "now");
    lock.lock();
    try {
      return store.hasDue(channel, now);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Set<String> renew(Map<String, Fence> claims, Instant leaseUntil) {
    requireNonNull(claims, "claims");
    requireNonNull(leaseUntil, "leaseUntil");
    claims.forEach((id, fence) -> {
      requireNonNull(id, "delivery id");
      requireNonNull(fence, "fence");
    });
    lock.lock();
    try {
      return store.renew(claims, leaseUntil);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean transition(String deliveryId, Fence fence, DeliveryUpdate update) {
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(fence, "fence");
    requireNonNull(update, "update");
    lock.lock();
    try {
      return store.transition(deliveryId, fence, update);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean expand(String deliveryId, Fence fence, List<DeliveryRecord> replacements) {
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(fence, "fence");
    List<DeliveryRecord> copy = List.copyOf(replacements);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("expand needs at least one replacement for " + deliveryId
          + "; end the placeholder with a transition instead");
    }
    lock.lock();
    try {
      return store.expand(deliveryId, fence, copy);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int cancel(String notificationId, Instant now) {
    requireNonNull(notificationId, "notificationId");
    requireNonNull(now, "now");
    lock.lock();
    try {
      return store.cancel(notificationId, now);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int replay(String notificationId, Instant now) {
    requireNonNull(notificationId, "notificationId");
    requireNonNull(now, "now");
    lock.lock();
    try {
      return store.replay(notificationId, now);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<DeliveryRecord> recordReceipt(String providerMessageId, Receipt receipt) {
    requireNonNull(providerMessageId, "providerMessageId");
    requireNonNull(receipt, "receipt");
    lock.lock();
    try {
      return store.recordReceipt(providerMessageId, receipt);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public GroupMembers members(String parentId) {
    requireNonNull(parentId, "parentId");
    lock.lock();
    try {
      return store.members(parentId);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<NotificationRecord> find(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    lock.lock();
    try {
      return store.find(notificationId);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Newest means latest {@code acceptedAt}; notifications accepted at the same instant are
   * listed last appended first.
   *
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  @Override
  public List<NotificationRecord> history(String recipientKey, int limit) {
    requireNonNull(recipientKey, "recipientKey");
    checkLimit(limit);
    lock.lock();
    try {
      return store.history(recipientKey, limit);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A notification's place is set by its most recently updated DEAD delivery (of the channel,
   * when one is given).
   *
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  @Override
  public List<NotificationRecord> deadLetters(@Nullable String channel, int limit) {
    checkLimit(limit);
    lock.lock();
    try {
      return store.deadLetters(channel, limit);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int purge(Instant finishedBefore) {
    requireNonNull(finishedBefore, "finishedBefore");
    lock.lock();
    try {
      return store.purge(finishedBefore);
    } finally {
      lock.unlock();
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }

  @Override
  public String toString() {
    return "InMemoryNotificationLog[size=" + size() + ", maxNotifications=" + maxNotifications
        + "]";
  }

  /** Builds an {@link InMemoryNotificationLog}. Not thread-safe. */
  public static final class Builder {
    private int maxNotifications = DEFAULT_MAX_NOTIFICATIONS;

    private Builder() {
    }

    /**
     * Bounds the log. A full log evicts its oldest finished notification on each append, which
     * forgets that id for deduplication; with nothing finished it refuses appends with
     * {@link LogFullException}.
     *
     * @param maxNotifications how many notifications the log holds at most, finished or not;
     *     default {@value InMemoryNotificationLog#DEFAULT_MAX_NOTIFICATIONS}
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxNotifications(int maxNotifications) {
      if (maxNotifications < 1) {
        throw new IllegalArgumentException("maxNotifications must be positive: "
            + maxNotifications);
      }
      this.maxNotifications = maxNotifications;
      return this;
    }

    /** {@return a new empty log} */
    public InMemoryNotificationLog build() {
      return new InMemoryNotificationLog(this);
    }
  }
}
