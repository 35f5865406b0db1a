package dev.notify.jdbc;

import static java.util.Objects.requireNonNull;

import dev.notify.LogUnavailableException;
import dev.notify.jdbc.internal.Appends;
import dev.notify.jdbc.internal.Claims;
import dev.notify.jdbc.internal.Db;
import dev.notify.jdbc.internal.Dialect;
import dev.notify.jdbc.internal.GroupCommit;
import dev.notify.jdbc.internal.Migrations;
import dev.notify.jdbc.internal.Purges;
import dev.notify.jdbc.internal.Reads;
import dev.notify.jdbc.internal.Receipts;
import dev.notify.jdbc.internal.Transitions;
import dev.notify.spi.codec.NotificationCodec;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.spi.log.ReceiptResult;
import dev.notify.spi.log.Transition;
import dev.notify.status.GroupMembers;
import dev.notify.status.Receipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A durable {@link NotificationLog} on plain JDBC: an embedded H2 file database for a single
 * instance that must not lose what it accepted, or a PostgreSQL server shared by several
 * instances. The user supplies the {@link DataSource} (a pool such as HikariCP); the log creates
 * and migrates its tables at {@link Builder#build()}.
 *
 * <pre>{@code
 * HikariDataSource ds = new HikariDataSource();
 * ds.setJdbcUrl("jdbc:postgresql://db/app");
 * NotificationLog log = JdbcNotificationLog.builder(ds).build();
 * NotificationClient client = NotificationClient.builder().log(log).channel(email).build();
 * }</pre>
 *
 * <h2>Time</h2>
 * By default the log's time is the database's: each transaction reads {@code now()} (H2:
 * {@code CURRENT_TIMESTAMP}) once and decides everything with it, so instances whose clocks
 * disagree agree about leases and due work. {@link Builder#clock(Clock)} replaces it with a clock
 * of the caller's; only tests should use that (the compatibility kit drives time by hand).
 *
 * <h2>Several instances</h2>
 * Due work is claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}, at most as much as asked.
 * A claim holds while its owner's instance lease (a row per instance, renewed by
 * {@link #heartbeat}) lives; afterwards another instance may take it, and the stale owner's
 * writes are refused because every transition names the owner and lease sequence in its
 * {@code WHERE}. The unique key on the notification id makes a notification sent from two
 * instances at once one record.
 *
 * <h2>Group commit</h2>
 * Single {@link #append}s and {@link #transition}s of many threads share transactions (see
 * {@link Builder#groupCommit(Duration)}); each returns only after its own write committed.
 *
 * <h2>Errors</h2>
 * A serialization failure, a deadlock or a lock timeout is retried inside the log. Every other
 * database failure is thrown as {@link LogUnavailableException}: transient and ambiguous, as the
 * SPI says, and every write is safe to repeat.
 *
 * <p>Thread-safe. {@link #close()} stops the group committer; it does not close the
 * {@code DataSource}.
 */
public final class JdbcNotificationLog implements NotificationLog {
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");

  private final Db db;
  private final Appends appends;
  private final Claims claims;
  private final Transitions transitions;
  private final Receipts receipts;
  private final Reads reads;
  private final Purges purges;
  private final @Nullable GroupCommit group;
  private final String description;

  private JdbcNotificationLog(Builder b, Dialect dialect) {
    this.db = new Db(b.dataSource, dialect, b.prefix, b.clock);
    NotificationCodec codec = b.codec != null ? b.codec : NotificationCodec.discovered();
    this.appends = new Appends(db, codec);
    this.claims = new Claims(db, codec);
    this.receipts = new Receipts(db);
    this.transitions = new Transitions(db, receipts);
    this.reads = new Reads(db, codec);
    this.purges = new Purges(db, receipts, b.purgeBatchSize);
    this.group = b.groupCommit == null ? null : new GroupCommit(db, appends, transitions,
        b.groupCommit, b.maxBatch, b.committers, "notify-jdbc-commit-" + b.prefix);
    this.description = "JdbcNotificationLog[" + dialect + ", prefix=" + b.prefix + ", time="
        + (b.clock == null ? "database" : "clock") + ", groupCommit="
        + (b.groupCommit == null ? "off" : b.groupCommit.toNanos() / 1000 + "us") + "]";
  }

  /**
   * {@return a builder for a log on this data source}
   *
   * @param dataSource where connections come from; the log never closes it
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** {@inheritDoc} By default the database's {@code now()}. */
  @Override
  public Instant now() {
    return db.now();
  }

  @Override
  public AppendResult append(NotificationRecord record) {
    requireNonNull(record, "record");
    if (group != null) {
      return group.append(appends.encodeForGroup(record));
    }
    return appends.appendAll(List.of(record)).get(0);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code records} is empty, a delivery names another
   *     notification or its id is already stored, or a notification cannot be written as JSON;
   *     nothing was stored
   */
  @Override
  public List<AppendResult> appendAll(List<NotificationRecord> records) {
    List<NotificationRecord> copy = List.copyOf(records);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("appendAll needs at least one record");
    }
    return appends.appendAll(copy);
  }

  @Override
  public List<ClaimedDelivery> claimDue(String channel, String owner, int limit) {
    requireNonNull(channel, "channel");
    requireNonNull(owner, "owner");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    return claims.claimDue(channel, owner, limit);
  }

  @Override
  public boolean hasDue(String channel, String owner) {
    requireNonNull(channel, "channel");
    requireNonNull(owner, "owner");
    return claims.hasDue(channel, owner);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A lease is never shortened.
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
    claims.heartbeat(owner, lease);
  }

  @Override
  public int releaseAll(String owner, Set<String> keep) {
    requireNonNull(owner, "owner");
    return claims.releaseAll(owner, Set.copyOf(keep));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The row remembers the fence and update of the transition that changed it last, until
   * anything else changes it (a receipt aside); an equal transition with that fence is its retry.
   */
  @Override
  public boolean transition(String deliveryId, Fence fence, DeliveryUpdate update) {
    Transition t = new Transition(deliveryId, fence, update);
    if (group != null) {
      return group.transition(t);
    }
    return transitions.transitionAll(List.of(t)).get(0);
  }

  /** {@inheritDoc} One transaction for the whole batch. */
  @Override
  public List<Boolean> transitionAll(List<Transition> batch) {
    List<Transition> copy = List.copyOf(batch);
    if (copy.isEmpty()) {
      return List.of();
    }
    return transitions.transitionAll(copy);
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
      throw new IllegalArgumentException("expand needs at least one replacement for "
          + deliveryId + "; end the placeholder with a transition instead");
    }
    return transitions.expand(deliveryId, fence, copy);
  }

  @Override
  public List<DeliveryRecord> cancel(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    return transitions.reset(notificationId, true);
  }

  @Override
  public List<DeliveryRecord> replay(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    return transitions.reset(notificationId, false);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Early receipts are kept in a table, at most 10,000, each for at least an hour unless newer
   * ones push it out.
   */
  @Override
  public ReceiptResult recordReceipt(String channel, String providerMessageId, Receipt receipt) {
    requireNonNull(channel, "channel");
    requireNonNull(providerMessageId, "providerMessageId");
    requireNonNull(receipt, "receipt");
    return receipts.record(channel, providerMessageId, receipt);
  }

  @Override
  public ReceiptResult recordReceiptFor(String deliveryId, Receipt receipt) {
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(receipt, "receipt");
    return receipts.recordFor(deliveryId, receipt);
  }

  @Override
  public Optional<NotificationRecord> find(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    return reads.find(notificationId);
  }

  @Override
  public GroupMembers members(String parentId) {
    requireNonNull(parentId, "parentId");
    return reads.members(parentId);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  @Override
  public List<NotificationRecord> history(String recipientKey, int limit) {
    requireNonNull(recipientKey, "recipientKey");
    checkLimit(limit);
    return reads.history(recipientKey, limit);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  @Override
  public List<NotificationRecord> deadLetters(@Nullable String channel, int limit) {
    checkLimit(limit);
    return reads.deadLetters(channel, limit);
  }

  /**
   * {@inheritDoc}
   *
   * <p>In batches of {@link Builder#purgeBatchSize(int)} notifications, one transaction each.
   * The client calls it hourly with its {@code retention}; also drops early receipts kept longer
   * than an hour.
   *
   * @throws IllegalArgumentException if {@code finishedFor} is negative
   */
  @Override
  public int purge(Duration finishedFor) {
    requireNonNull(finishedFor, "finishedFor");
    if (finishedFor.isNegative()) {
      throw new IllegalArgumentException("finishedFor must not be negative: " + finishedFor);
    }
    return purges.purge(finishedFor);
  }

  /** Stops the group committer; writes still waiting fail. The data source stays open. */
  @Override
  public void close() {
    if (group != null) {
      group.close();
    }
  }

  @Override
  public String toString() {
    return description;
  }

  Appends appends() { // for JdbcOutbox
    return appends;
  }

  Db db() { // for JdbcOutbox
    return db;
  }

  private static void checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }

  /** Builds a {@link JdbcNotificationLog}. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private String prefix = "notify_";
    private @Nullable Clock clock;
    private @Nullable NotificationCodec codec;
    private @Nullable Duration groupCommit = Duration.ofMillis(2);
    private int maxBatch = 256;
    private int committers = 4;
    private int purgeBatchSize = 500;
    private boolean migrate = true;
    private boolean durableH2 = true;

    private Builder(DataSource dataSource) {
      this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /**
     * Sets the prefix of every table the log uses, so that several logs (or an application's
     * own tables) share one schema.
     *
     * @param prefix lower-case letters, digits and underscores, starting with a letter, at most
     *     31 characters; default {@code notify_}
     * @return this builder
     * @throws IllegalArgumentException if it breaks that rule
     */
    public Builder tablePrefix(String prefix) {
      requireNonNull(prefix, "prefix");
      if (!PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException("tablePrefix must be lower-case letters, digits and"
            + " underscores, starting with a letter, at most 31 characters: '" + prefix + "'");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Takes the log's time from this clock instead of the database's {@code now()}. For tests on
     * a manual clock; in production leave the default, so instances with skewed clocks agree.
     *
     * @param clock the clock every lease and due time is measured with; default none (the
     *     database's time)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the codec that writes notifications as JSON text.
     *
     * @param codec the codec; default {@link NotificationCodec#discovered()}
     * @return this builder
     */
    public Builder codec(NotificationCodec codec) {
      this.codec = requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Batches single appends and transitions of concurrent callers into shared transactions.
     * A batch takes whatever queued during the previous commit and, while callers are arriving
     * together, waits at most {@code maxWait} for more.
     *
     * @param maxWait the longest a write waits for others to join its transaction; default 2 ms;
     *     zero takes only what is queued already
     * @return this builder
     * @throws IllegalArgumentException if negative or over 100 ms
     */
    public Builder groupCommit(Duration maxWait) {
      requireNonNull(maxWait, "maxWait");
      if (maxWait.isNegative() || maxWait.compareTo(Duration.ofMillis(100)) > 0) {
        throw new IllegalArgumentException("groupCommit maxWait must be between 0 and 100 ms: "
            + maxWait);
      }
      this.groupCommit = maxWait;
      return this;
    }

    /**
     * Sets how many group-commit batches may be in flight at once, each on its own connection
     * (the pool must hold at least this many besides what claims and reads use). One batch waits
     * for its commit to be durable while the next is built; on a disk with slow flushes more
     * committers keep the callers busy.
     *
     * @param committers committer threads; default 4
     * @return this builder
     * @throws IllegalArgumentException if not between 1 and 64
     */
    public Builder groupCommitters(int committers) {
      if (committers < 1 || committers > 64) {
        throw new IllegalArgumentException("groupCommitters must be between 1 and 64: "
            + committers);
      }
      this.committers = committers;
      return this;
    }

    /**
     * Commits every single append and transition in a transaction of its own, in the caller's
     * thread (one commit per write).
     *
     * @return this builder
     */
    public Builder withoutGroupCommit() {
      this.groupCommit = null;
      return this;
    }

    /**
     * Sets how many notifications one purge transaction removes.
     *
     * @param size notifications per batch; default 500
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder purgeBatchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("purgeBatchSize must be positive: " + size);
      }
      this.purgeBatchSize = size;
      return this;
    }

    /**
     * @param migrate whether {@link #build()} creates and migrates the tables; default true;
     *     false when the schema is managed elsewhere (scripts: {@code dev/notify/jdbc/migrations})
     * @return this builder
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * @param durable on H2, whether {@link #build()} runs {@code SET WRITE_DELAY 0}, so a commit
     *     is written to the file before it returns (H2's default, 500 ms, acknowledges commits a
     *     killed process then loses; needs H2 admin rights); default true
     * @return this builder
     */
    public Builder durableH2Commits(boolean durable) {
      this.durableH2 = durable;
      return this;
    }

    /**
     * {@return the log, its schema created or migrated}
     *
     * @throws LogUnavailableException if the database cannot be reached or migrated
     * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
     */
    public JdbcNotificationLog build() {
      Dialect dialect = Migrations.open(dataSource, prefix, durableH2, migrate);
      return new JdbcNotificationLog(this, dialect);
    }
  }
}
