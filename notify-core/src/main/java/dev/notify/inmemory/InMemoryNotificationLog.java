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
import dev.notify.spi.log.ReceiptResult;
import dev.notify.spi.log.Transition;
import dev.notify.status.GroupMembers;
import dev.notify.status.Receipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
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
 * <h2>Time</h2>
 * The log's time is its {@link Builder#clock(Clock) clock}'s, read once per call under the lock:
 * due times, instance leases, {@code updatedAt} stamps, the age of what {@link #purge} removes
 * and of the tombstones of evicted notifications.
 * Give it the client's clock (a manual one in tests) so that both agree.
 *
 * <h2>Instance leases</h2>
 * A claimed delivery stays with its owner while the owner's instance lease lives. A lease starts
 * and is extended by {@link #heartbeat} (never shortened), and ends when a claim or
 * {@link #hasDue} finds it expired by the clock (expiry not after now): from then on the owner's
 * deliveries may be claimed by other owners, until the owner heart-beats again. An owner that
 * never heart-beat holds its deliveries for nobody: others may claim them at once.
 *
 * <h2>Bound and eviction</h2>
 * The log holds at most {@link Builder#maxNotifications(int) maxNotifications} notifications. When
 * an append would pass the bound, it first evicts the oldest notifications (by acceptance) whose
 * deliveries are all terminal; if too few have finished it throws {@link LogFullException} and
 * stores nothing (nor evicts anything).
 *
 * <p>An evicted notification leaves a tombstone: its id, its payload hash and when it was
 * evicted, nothing else. The tombstone is kept for
 * {@link Builder#rememberEvictedIdsFor(Duration) rememberEvictedIdsFor} (default 24 hours, by the
 * log's clock; the log a client builds for itself uses the client's idempotency window). While it
 * is kept, appending that id answers {@link AppendResult.Existing} with the evicted
 * notification's hash, exactly as if it were still stored, so the client reports a duplicate (or
 * an idempotency conflict for another payload) and sends nothing; {@link #find}, {@link #history}
 * and the rest know nothing of it, since its record is gone. At most
 * {@link Builder#maxEvictedIds(int) maxEvictedIds} tombstones are kept (default
 * {@value #DEFAULT_MAX_EVICTED_IDS}); past that the oldest are forgotten before their time, with a
 * warning logged at most once a minute, and those ids are then deduplicated for less than the
 * window. Size the two so that {@code maxNotifications + maxEvictedIds} covers every
 * notification that finishes within one window, or use a durable log. A tombstone costs about 104
 * bytes (measured with JOL on a 64-bit JVM with compressed references, for the engine's
 * {@code v2:} hashes: 56 for the tombstone, 40 for its map entry, about 8 of the map's table) plus
 * its id's string, which is the evicted notification's own: about 184 bytes in all for a
 * 36-character UUID, 46 MB for the default bound.
 *
 * <p>{@link #purge} removes finished notifications because its caller asked to, and leaves no
 * tombstone: the client purges only what is older than its idempotency window.
 *
 * <p>Receipts that arrive before their delivery is SENT are kept apart, at most 10,000, each for at
 * least an hour unless newer ones push it out (oldest first).
 *
 * <h2>Threading and cost</h2>
 * Thread-safe. Every method is atomic with respect to every other: one lock guards the state and
 * is held only for the index updates of a call. Appends, transitions and claims cost O(log n) per
 * delivery they touch; claims take from a per-channel index ordered by priority and due time,
 * which keeps the deliveries of live owners apart, so they never scan deliveries they cannot take.
 * A heartbeat costs O(log n), or O(channels) when its owner's lease had been found expired.
 * Tombstones cost O(1) amortised per append: those past their time are dropped from the oldest
 * end as appends come, never by a scan. No method does I/O or blocks for long; the one that logs
 * the warning above does so at most once a minute.
 */
public final class InMemoryNotificationLog implements NotificationLog {

  /** The bound used by {@link #create()} and by default by the {@link Builder}. */
  public static final int DEFAULT_MAX_NOTIFICATIONS = 100_000;

  /** How many tombstones of evicted notifications are kept by default; see the class docs. */
  public static final int DEFAULT_MAX_EVICTED_IDS = 250_000;

  private final int maxNotifications;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final LogStore store;

  private InMemoryNotificationLog(Builder builder) {
    this.maxNotifications = builder.maxNotifications;
    this.clock = builder.clock;
    this.store = new LogStore(maxNotifications,
        new Tombstones(builder.maxEvictedIds, builder.rememberEvictedIdsFor));
  }

  /**
   * {@return an empty log holding at most {@value #DEFAULT_MAX_NOTIFICATIONS} notifications,
   * remembering evicted ids for 24 hours, on the system clock}
   */
  public static InMemoryNotificationLog create() {
    return builder().build();
  }

  /** {@return a builder for a log with a different bound, memory of evicted ids or clock} */
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

  @Override
  public Instant now() {
    return clock.instant();
  }

  /**
   * {@inheritDoc}
   *
   * <p>When the log is full, the oldest finished notification is evicted first; an evicted id
   * still answers {@link AppendResult.Existing} for a while; see the class documentation.
   *
   * @throws IllegalArgumentException if a delivery names another notification or its id is
   *     already stored
   */
  @Override
  public AppendResult append(NotificationRecord record) {
    requireNonNull(record, "record");
    return locked(now -> store.append(List.of(record), now)).get(0);
  }

  /**
   * {@inheritDoc}
   *
   * <p>When the log is full, the oldest finished notifications not named in the batch are evicted
   * first; an evicted id still answers {@link AppendResult.Existing} for a while, and refuses the
   * batch like a stored one when its hash differs; see the class documentation.
   *
   * @throws IllegalArgumentException if {@code records} is empty, or a new record's delivery
   *     names another notification or repeats a delivery id; nothing was stored
   */
  @Override
  public List<AppendResult> appendAll(List<NotificationRecord> records) {
    List<NotificationRecord> copy = List.copyOf(records);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("appendAll needs at least one record");
    }
    return locked(now -> store.append(copy, now));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit} is negative (zero claims nothing)
   */
  @Override
  public List<ClaimedDelivery> claimDue(String channel, String owner, int limit) {
    requireNonNull(channel, "channel");
    requireNonNull(owner, "owner");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    return locked(now -> store.claimDue(channel, owner, now, limit));
  }

  @Override
  public boolean hasDue(String channel, String owner) {
    requireNonNull(channel, "channel");
    requireNonNull(owner, "owner");
    return locked(now -> store.hasDue(channel, owner, now));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A lease is never shortened: a heartbeat whose lease would end sooner than the current one
   * changes nothing.
   *
   * @throws IllegalArgumentException if {@code lease} is not positive
   */
  @Override
  public void heartbeat(String owner, Duration lease) {
    requireNonNull(owner, "owner");
    requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive: " + lease);
    }
    lock.lock();
    try {
      store.heartbeat(owner, lease, clock.instant());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int releaseAll(String owner, Set<String> keep) {
    requireNonNull(owner, "owner");
    Set<String> kept = Set.copyOf(keep);
    return locked(now -> store.releaseAll(owner, kept, now));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The log remembers the fence and update of the last transition of each delivery until
   * anything else changes that delivery (a receipt aside); an equal transition with the same
   * fence is then its retry.
   */
  @Override
  public boolean transition(String deliveryId, Fence fence, DeliveryUpdate update) {
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(fence, "fence");
    requireNonNull(update, "update");
    return locked(now -> store.transition(deliveryId, fence, update, now));
  }

  /** {@inheritDoc} In memory, the batch is applied under one hold of the lock. */
  @Override
  public List<Boolean> transitionAll(List<Transition> transitions) {
    List<Transition> batch = List.copyOf(transitions);
    return locked(now -> {
      List<Boolean> applied = new ArrayList<>(batch.size());
      for (Transition t : batch) {
        applied.add(store.transition(t.deliveryId(), t.fence(), t.update(), now));
      }
      return applied;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code replacements} is empty, or a replacement names
   *     another notification or repeats a delivery id; nothing was changed
   */
  @Override
  public boolean expand(String deliveryId, Fence fence, List<DeliveryRecord> replacements) {
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(fence, "fence");
    List<DeliveryRecord> copy = List.copyOf(replacements);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("expand needs at least one replacement for " + deliveryId
          + "; end the placeholder with a transition instead");
    }
    return locked(now -> store.expand(deliveryId, fence, copy, now));
  }

  @Override
  public List<DeliveryRecord> cancel(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    return locked(now -> store.cancel(notificationId, now));
  }

  @Override
  public List<DeliveryRecord> replay(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    return locked(now -> store.replay(notificationId, now));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Early receipts are kept as the class documentation says; an equal receipt kept already is
   * kept once.
   */
  @Override
  public ReceiptResult recordReceipt(String channel, String providerMessageId, Receipt receipt) {
    requireNonNull(channel, "channel");
    requireNonNull(providerMessageId, "providerMessageId");
    requireNonNull(receipt, "receipt");
    ProviderKey key = new ProviderKey(channel, providerMessageId);
    return locked(now -> store.recordReceipt(key, receipt, now));
  }

  @Override
  public ReceiptResult recordReceiptFor(String deliveryId, Receipt receipt) {
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(receipt, "receipt");
    return locked(now -> store.recordReceiptFor(deliveryId, receipt));
  }

  @Override
  public GroupMembers members(String parentId) {
    requireNonNull(parentId, "parentId");
    return locked(now -> store.members(parentId));
  }

  @Override
  public Optional<NotificationRecord> find(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    return locked(now -> store.find(notificationId));
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
    return locked(now -> store.history(recipientKey, limit));
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
    return locked(now -> store.deadLetters(channel, limit));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Leaves no tombstone of what it removes. Also drops early receipts kept for longer than an
   * hour and tombstones kept for longer than
   * {@link Builder#rememberEvictedIdsFor(Duration) rememberEvictedIdsFor}.
   *
   * @throws IllegalArgumentException if {@code finishedFor} is negative
   */
  @Override
  public int purge(Duration finishedFor) {
    requireNonNull(finishedFor, "finishedFor");
    if (finishedFor.isNegative()) {
      throw new IllegalArgumentException("finishedFor must not be negative: " + finishedFor);
    }
    return locked(now -> store.purge(finishedFor, now));
  }

  /** Runs one operation of the store under the lock, with the clock read once inside it. */
  private <T> T locked(Function<Instant, T> operation) {
    lock.lock();
    try {
      return operation.apply(clock.instant());
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
    private int maxEvictedIds = DEFAULT_MAX_EVICTED_IDS;
    private Duration rememberEvictedIdsFor = Duration.ofHours(24);
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    /**
     * Bounds the log. A full log evicts its oldest finished notification on each append, keeping
     * only a tombstone of it (id and payload hash) that goes on deduplicating the id for
     * {@link #rememberEvictedIdsFor(Duration)}, at most {@link #maxEvictedIds(int)} of them; with
     * nothing finished it refuses appends with {@link LogFullException}.
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

    /**
     * Sets how long the id of an evicted notification is still deduplicated: for this long after
     * the eviction, by the log's clock, appending the id answers as if the notification were
     * stored. Give it at least the client's idempotency window (the log a client builds for itself
     * gets exactly that).
     *
     * @param window how long a tombstone is kept; default 24 hours; zero keeps none, so an evicted
     *     id is forgotten at once
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder rememberEvictedIdsFor(Duration window) {
      requireNonNull(window, "window");
      if (window.isNegative()) {
        throw new IllegalArgumentException("rememberEvictedIdsFor must not be negative: "
            + window);
      }
      this.rememberEvictedIdsFor = window;
      return this;
    }

    /**
     * Bounds the tombstones of evicted notifications. Past the bound the oldest tombstone is
     * dropped before {@link #rememberEvictedIdsFor(Duration)} has passed, so that id is no longer
     * deduplicated; the log then warns, at most once a minute. Each tombstone costs about 104
     * bytes plus the id's string; see the class documentation.
     *
     * @param maxEvictedIds how many tombstones are kept at most; default
     *     {@value InMemoryNotificationLog#DEFAULT_MAX_EVICTED_IDS}
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxEvictedIds(int maxEvictedIds) {
      if (maxEvictedIds < 1) {
        throw new IllegalArgumentException("maxEvictedIds must be positive: " + maxEvictedIds);
      }
      this.maxEvictedIds = maxEvictedIds;
      return this;
    }

    /**
     * Sets the log's clock: every due time, instance lease, {@code updatedAt} and the age of a
     * tombstone is measured with it, and {@link InMemoryNotificationLog#now()} reads it.
     *
     * @param clock the clock; default {@link Clock#systemUTC()}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** {@return a new empty log} */
    public InMemoryNotificationLog build() {
      return new InMemoryNotificationLog(this);
    }
  }
}
