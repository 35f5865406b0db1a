package dev.notify.testkit;

import static java.util.Objects.requireNonNull;

import dev.notify.spi.ChannelContext;
import dev.notify.spi.ReceiptSink;
import dev.notify.spi.Scheduler;
import dev.notify.status.Receipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * What the engine hands a channel, for unit tests that call {@code Channel.send} directly: the
 * lane's executor, the {@link ManualTime} clock and scheduler, and a receipt sink that records
 * what the channel reports. Time moves only when the test advances it, so a request timeout, a
 * backoff or an expiry computed from the clock is exact.
 *
 * <pre>{@code
 * try (ManualChannelContext context = ManualChannelContext.create()) {
 *   CompletableFuture<DeliveryResult> hung = channel.send(delivery, context).toCompletableFuture();
 *   context.time().advance(Duration.ofSeconds(30));    // the channel's request timeout fires
 *   assertThat(hung).isCompletedWithValueMatching(DeliveryResult.Retryable.class::isInstance);
 * }
 *
 * ManualChannelContext lane = ManualChannelContext.builder().queuedExecutor().build();
 * channel.send(delivery, lane);                          // the channel hands work to the lane ...
 * assertThat(lane.runPendingTasks()).isEqualTo(1);       // ... which runs it now, on this thread
 * assertThat(lane.reportedReceipts()).isEmpty();
 * }</pre>
 *
 * <p>By default the executor runs each task at once on the calling thread (a direct executor);
 * with {@link Builder#queuedExecutor()} tasks wait until {@link #runPendingTasks()}. Thread-safe.
 */
public final class ManualChannelContext implements ChannelContext, AutoCloseable {
  private final String channelName;
  private final ManualTime time;
  private final boolean ownsTime;
  private final boolean queued;
  private final boolean receiptsKnown;
  private final Object lock = new Object();
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private final List<ReportedReceipt> reported = new ArrayList<>();
  private final Executor executor = this::execute;
  private final ReceiptSink sink = new ReceiptSink() {
    @Override
    public boolean record(String providerMessageId, Receipt receipt) {
      return report(new ReportedReceipt(providerMessageId, null, receipt));
    }

    @Override
    public boolean recordForDelivery(String deliveryId, Receipt receipt) {
      return report(new ReportedReceipt(null, deliveryId, receipt));
    }
  };

  private ManualChannelContext(Builder b) {
    this.channelName = b.channelName;
    this.ownsTime = b.time == null;
    this.time = ownsTime ? ManualTime.startingAt(b.start) : b.time;
    this.queued = b.queued;
    this.receiptsKnown = b.receiptsKnown;
  }

  /**
   * {@return a context with the defaults of {@link Builder}: channel {@code "test"}, a direct
   * executor, its own manual time from the current second, receipts accepted}
   */
  public static ManualChannelContext create() {
    return builder().build();
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String channelName() {
    return channelName;
  }

  /** {@return the lane's executor: direct, or queued until {@link #runPendingTasks()}} */
  @Override
  public Executor executor() {
    return executor;
  }

  /** {@return the manual time, as the scheduler} */
  @Override
  public Scheduler scheduler() {
    return time;
  }

  /** {@return the manual time's clock} */
  @Override
  public Clock clock() {
    return time.clock();
  }

  /** {@return the sink that records every receipt the channel reports} */
  @Override
  public ReceiptSink receipts() {
    return sink;
  }

  /** {@return the manual time behind {@link #clock()} and {@link #scheduler()}, to advance} */
  public ManualTime time() {
    return time;
  }

  /** {@return how many tasks wait on the queued executor (always 0 for a direct one)} */
  public int pendingTasks() {
    synchronized (lock) {
      return tasks.size();
    }
  }

  /**
   * Runs the queued executor's tasks on this thread, also those they queue, until none is left.
   *
   * @return how many tasks ran
   */
  public int runPendingTasks() {
    int ran = 0;
    while (true) {
      Runnable next;
      synchronized (lock) {
        next = tasks.poll();
      }
      if (next == null) {
        return ran;
      }
      next.run();
      ran++;
    }
  }

  /** {@return every receipt the channel reported, oldest first} */
  public List<ReportedReceipt> reportedReceipts() {
    synchronized (lock) {
      return List.copyOf(reported);
    }
  }

  /**
   * Waits until the channel reported at least {@code count} receipts (a delivery report or
   * bounce that arrives on the channel's own threads).
   *
   * @param count how many receipts to wait for
   * @param timeout how long to wait at most
   * @return the receipts reported by then
   * @throws AssertionError if they are not reported in time
   */
  public List<ReportedReceipt> awaitReceipts(int count, Duration timeout) {
    Await.atMost(timeout).untilAtLeast(count, "receipts reported on channel " + channelName,
        () -> reportedReceipts().size());
    return reportedReceipts();
  }

  /** Stops the manual time's helper thread if this context made the time itself. */
  @Override
  public void close() {
    if (ownsTime) {
      time.close();
    }
  }

  private void execute(Runnable task) {
    requireNonNull(task, "task");
    if (!queued) {
      task.run();
      return;
    }
    synchronized (lock) {
      tasks.add(task);
    }
  }

  private boolean report(ReportedReceipt r) {
    synchronized (lock) {
      reported.add(r);
    }
    return receiptsKnown;
  }

  @Override
  public String toString() {
    return "ManualChannelContext[" + channelName + ", " + (queued ? "queued" : "direct")
        + " executor, now " + time.now() + "]";
  }

  /**
   * One receipt a channel reported to {@link ManualChannelContext#receipts()}.
   *
   * @param providerMessageId the provider's id it was reported under, or {@code null} when it
   *     was reported by delivery id
   * @param deliveryId the delivery id it was reported under, or {@code null} when it was
   *     reported by provider id
   * @param receipt what the provider reported
   */
  public record ReportedReceipt(@Nullable String providerMessageId, @Nullable String deliveryId,
      Receipt receipt) {
  }

  /** Configures a {@link ManualChannelContext}. */
  public static final class Builder {
    private String channelName = "test";
    private ManualTime time;
    private Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private boolean startSet;
    private boolean queued;
    private boolean receiptsKnown = true;

    private Builder() {
    }

    /**
     * Sets the channel's name.
     *
     * @param channelName what {@link ChannelContext#channelName()} says; default {@code "test"}
     * @return this builder
     */
    public Builder channelName(String channelName) {
      this.channelName = requireNonNull(channelName, "channelName");
      return this;
    }

    /**
     * Uses time the test already has (shared with a client, say); the context does not close it.
     *
     * @param time the manual time; default a new one, closed with the context
     * @return this builder
     */
    public Builder time(ManualTime time) {
      this.time = requireNonNull(time, "time");
      return this;
    }

    /**
     * Sets where the context's own manual time starts.
     *
     * @param start the initial instant; default the current second
     * @return this builder
     */
    public Builder startingAt(Instant start) {
      this.start = requireNonNull(start, "start");
      this.startSet = true;
      return this;
    }

    /**
     * Queues the executor's tasks until {@link ManualChannelContext#runPendingTasks()}, to test
     * what a channel does before and after its lane runs its work. Default: direct.
     *
     * @return this builder
     */
    public Builder queuedExecutor() {
      this.queued = true;
      return this;
    }

    /**
     * Sets what the receipt sink answers.
     *
     * @param known true (default) to say a delivery is known under every id, false to say none
     *     is (a purged delivery)
     * @return this builder
     */
    public Builder receiptsKnown(boolean known) {
      this.receiptsKnown = known;
      return this;
    }

    /**
     * {@return the context}
     *
     * @throws IllegalStateException if both {@link #time(ManualTime)} and
     *     {@link #startingAt(Instant)} were set
     */
    public ManualChannelContext build() {
      if (time != null && startSet) {
        throw new IllegalStateException("set either time(...) to share manual time or"
            + " startingAt(...) for the context's own, not both");
      }
      return new ManualChannelContext(this);
    }
  }
}
