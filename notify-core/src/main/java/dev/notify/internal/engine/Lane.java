package dev.notify.internal.engine;

import dev.notify.CircuitState;
import dev.notify.ClientStats;
import dev.notify.DeliveryState;
import dev.notify.LaneOptions;
import dev.notify.Outcome;
import dev.notify.internal.queue.WeightedQueue;
import dev.notify.internal.ratelimit.Pacer;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's bulkhead: a bounded priority queue, its own executor, a cap on sends in flight,
 * and a circuit breaker. Dispatchers {@link #offer} work and never block; when the lane is full or
 * paused the offer is refused and the work stays in the log until the lane has room.
 */
final class Lane {
  private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
  static final Duration PROBE_BASE = Duration.ofSeconds(1);
  static final Duration PROBE_MAX = Duration.ofMinutes(5);

  /** What the lane needs from the engine. */
  interface Host {
    /**
     * Records SENDING; false when the item must not be sent (claim lost or expired while queued),
     * in which case the host has already ended or dropped it.
     */
    boolean markSending(Lane lane, WorkItem item);

    /** Handles a result on the lane's executor (log, listeners, retries). */
    void onResult(Lane lane, WorkItem item, DeliveryResult result, Throwable error);

    /** The circuit opened or closed. */
    void onCircuit(Lane lane, boolean paused, String reason);

    /** The lane has room again and work for it may be waiting in the log. */
    void laneHasRoom(Lane lane);
  }

  private final Channel channel;
  private final LaneOptions options;
  private final Scheduler scheduler;
  private final java.time.Clock clock;
  private final Host host;
  private final ThreadPoolExecutor executor;
  private final ChannelContext context;

  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a place in the queue frees up, or the lane pauses or stops. */
  private final java.util.concurrent.locks.Condition roomFreed = lock.newCondition();
  private int roomWaiters;
  /** How many places must be free before waiting senders are woken. */
  private final int wakeBatch;
  /** A waiting sender looks for room at least this often, woken or not. */
  static final Duration ROOM_RECHECK = Duration.ofMillis(10);
  private static final long ROOM_RECHECK_NANOS = ROOM_RECHECK.toNanos();
  private final WeightedQueue<WorkItem> queue = new WeightedQueue<>(WorkItem::priority);
  private int inFlight;
  private CircuitState circuit = CircuitState.CLOSED;
  private int openings;
  private WorkItem probe;
  private Scheduler.Scheduled probeTimer;
  private boolean closed;
  private volatile boolean backlog;
  private final AtomicBoolean pumpScheduled = new AtomicBoolean();
  private final java.util.concurrent.ConcurrentLinkedQueue<Completed> completed =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicBoolean completing = new AtomicBoolean();
  private final AtomicBoolean pacingScheduled = new AtomicBoolean();
  private final Pacer pacer;
  /**
   * Places reserved for items bound for this lane that are not in its queue yet (in the intake or
   * being dispatched): with the queue they never exceed its capacity.
   */
  private int incoming;

  private final Map<Outcome, LongAdder> attempts = new EnumMap<>(Outcome.class);
  private final Map<DeliveryState, LongAdder> finished = new EnumMap<>(DeliveryState.class);

  Lane(Channel channel, LaneOptions options, Pacer pacer, Scheduler scheduler,
      java.time.Clock clock, ThreadFactoryNamer threads, ContextFactory contexts, Host host) {
    this.channel = channel;
    this.clock = clock;
    this.pacer = pacer;
    this.options = options;
    this.wakeBatch = Math.max(1, Math.min(64, options.queueCapacity() / 8));
    this.scheduler = scheduler;
    this.host = host;
    this.executor = new ThreadPoolExecutor(options.threads(), options.threads(), 60,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads.named("notify-" + channel.name()));
    this.context = contexts.create(channel.name(), executor);
    for (Outcome o : Outcome.values()) {
      attempts.put(o, new LongAdder());
    }
    for (DeliveryState s : DeliveryState.values()) {
      finished.put(s, new LongAdder());
    }
  }

  /** Makes a channel's context once the lane's executor exists. */
  interface ContextFactory {
    ChannelContext create(String channelName, ThreadPoolExecutor executor);
  }

  String name() {
    return channel.name();
  }

  Channel channel() {
    return channel;
  }

  ChannelContext context() {
    return context;
  }

  /** What a request for a place in the queue got. */
  enum Reservation {
    /** A place is reserved: hand the item to the intake, then {@link #arrived} once. */
    RESERVED,
    /** The queue is full. */
    FULL,
    /** The circuit is not closed or the lane stopped: the work waits in the log. */
    PAUSED
  }

  /**
   * Reserves a place in the queue for an item about to be held in memory, so that what the intake
   * holds for this lane always fits: the lane never turns work away for want of room, and nothing
   * bounces between memory and the log under load.
   */
  Reservation tryReserve() {
    lock.lock();
    try {
      return reserveLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Like {@link #tryReserve} but waits for a place until the deadline ({@link System#nanoTime}). */
  Reservation reserve(long deadlineNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (true) {
        Reservation r = reserveLocked();
        long left = deadlineNanos - System.nanoTime();
        if (r != Reservation.FULL || left <= 0) {
          return r;
        }
        roomWaiters++;
        try {
          roomFreed.awaitNanos(Math.min(left, ROOM_RECHECK_NANOS));
        } finally {
          roomWaiters--;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private Reservation reserveLocked() {
    if (closed || circuit == CircuitState.OPEN) {
      return Reservation.PAUSED;
    }
    if (circuit == CircuitState.HALF_OPEN) {
      // One delivery may go as the probe; the rest waits in the log for the verdict.
      if (!probeSlotFreeLocked()) {
        return Reservation.PAUSED;
      }
    } else if (queue.size() + incoming >= options.queueCapacity()) {
      return Reservation.FULL;
    }
    incoming++;
    return Reservation.RESERVED;
  }

  private boolean probeSlotFreeLocked() {
    return queue.isEmpty() && probe == null && incoming == 0;
  }

  /** Gives back a reservation that was not used. */
  void unreserve() {
    arrived();
  }

  /**
   * @return false when the circuit is open or the lane stopped (or, which reservations prevent,
   *     its queue is full): the caller parks the work
   */
  boolean offer(WorkItem item) {
    lock.lock();
    try {
      if (closed || circuit == CircuitState.OPEN || queue.size() >= options.queueCapacity()) {
        backlog = true;
        return false;
      }
      queue.add(item);
    } finally {
      lock.unlock();
    }
    pump();
    return true;
  }

  /** Puts back an item that was in flight (channel unavailable), ahead of the rest. */
  void requeue(WorkItem item) {
    lock.lock();
    try {
      queue.addFirst(item);
    } finally {
      lock.unlock();
    }
  }

  /** @return how many more items the lane accepts now */
  int room() {
    lock.lock();
    try {
      if (closed) {
        return 0;
      }
      switch (circuit) {
        case OPEN:
          return 0;
        case HALF_OPEN:
          return probeSlotFreeLocked() ? 1 : 0;
        default:
          return Math.max(0, options.queueCapacity() - queue.size() - incoming);
      }
    } finally {
      lock.unlock();
    }
  }

  /** An item with a reservation was dispatched (offered, parked, expired or dropped). */
  void arrived() {
    lock.lock();
    try {
      incoming--;
      signalRoomLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Wakes senders waiting for room once a batch of places is free (or the queue is empty), not at
   * every freed place: a saturated lane would otherwise wake its sender for each delivery it
   * starts, a context switch per send. Waiters also look again every {@link #ROOM_RECHECK}.
   */
  private void signalRoomLocked() {
    if (roomWaiters > 0 && (queue.isEmpty()
        || options.queueCapacity() - queue.size() - incoming >= wakeBatch)) {
      roomFreed.signalAll();
    }
  }

  private void wakeAllWaitersLocked() {
    if (roomWaiters > 0) {
      roomFreed.signalAll();
    }
  }

  boolean backlog() {
    return backlog;
  }

  void clearBacklog() {
    backlog = false;
  }

  void markBacklog() {
    backlog = true;
  }

  void pump() {
    if (pumpScheduled.compareAndSet(false, true)) {
      execute(this::drain);
    }
  }

  private void drain() {
    pumpScheduled.set(false);
    while (true) {
      WorkItem item;
      if (pacer != null && !paced()) {
        return;
      }
      lock.lock();
      try {
        if (closed || !mayStartLocked()) {
          return;
        }
        item = queue.poll();
        if (item != null) {
          signalRoomLocked();
          inFlight++;
          if (circuit == CircuitState.HALF_OPEN) {
            probe = item;
          }
        }
      } finally {
        lock.unlock();
      }
      if (backlog) {
        // Room for more than is queued, and work waits in the log (a probe to take, say).
        host.laneHasRoom(this);
      }
      if (item == null) {
        return;
      }
      start(item);
    }
  }

  /**
   * Takes a token of the provider's throughput limit when there is work to start; without one,
   * pumps again when the next token is due instead of collecting the provider's 429s.
   */
  private boolean paced() {
    lock.lock();
    try {
      if (closed || queue.isEmpty() || !mayStartLocked()) {
        return false;
      }
    } finally {
      lock.unlock();
    }
    // Read the time first: if it moves meanwhile, the pump comes early (and asks again), never late.
    java.time.Instant asked = clock.instant();
    Duration wait = pacer.tryAcquire();
    if (wait.isZero() || wait.isNegative()) {
      return true;
    }
    if (pacingScheduled.compareAndSet(false, true)) {
      scheduler.scheduleAt(() -> {
        pacingScheduled.set(false);
        pump();
      }, asked.plus(wait), clock);
    }
    return false;
  }

  private boolean mayStartLocked() {
    switch (circuit) {
      case OPEN:
        return false;
      case HALF_OPEN:
        return probe == null && inFlight < options.maxInFlight();
      default:
        return inFlight < options.maxInFlight();
    }
  }

  private void start(WorkItem item) {
    if (item.hasLeft() || !host.markSending(this, item)) {
      // Not sent (cancelled, claim lost, expired): if it was to be the probe, another may be.
      lock.lock();
      try {
        if (probe == item) {
          probe = null;
        }
      } finally {
        lock.unlock();
      }
      afterSend(item);
      return;
    }
    CompletionStage<DeliveryResult> stage;
    try {
      stage = channel.send(new Delivery(item.deliveryId(), item.attemptCount() + 1, item.message()),
          context);
      if (stage == null) {
        stage = CompletableFuture.failedFuture(
            new NullPointerException(channel.getClass().getName() + ".send returned null"));
      }
    } catch (RuntimeException | Error e) {
      stage = CompletableFuture.failedFuture(e);
    }
    // Providers complete on their own I/O threads (Netty event loops): hop back to this lane.
    stage.whenComplete((result, error) -> {
      completed.add(new Completed(item, result, error));
      if (completing.compareAndSet(false, true)) {
        execute(this::completeAll);
      }
    });
  }

  /** A provider's answer waiting to be handled on the lane's executor. */
  private record Completed(WorkItem item, DeliveryResult result, Throwable error) {
  }

  /**
   * Handles every answer that has arrived, in one task: answers come in bursts (one network read
   * holds many), and a task per answer would cost a hand-over and a wake-up each.
   */
  private void completeAll() {
    do {
      Completed c;
      while ((c = completed.poll()) != null) {
        complete(c.item(), c.result(), c.error());
      }
      completing.set(false);
      // The answers freed places in flight: start what waits here, on this thread, rather than
      // hand a pump to another one.
      if (pumpScheduled.compareAndSet(false, true)) {
        drain();
      }
      // An answer added after the last poll but before the flag cleared is ours to handle.
    } while (!completed.isEmpty() && completing.compareAndSet(false, true));
  }

  private void complete(WorkItem item, DeliveryResult result, Throwable error) {
    try {
      host.onResult(this, item, result, error);
    } catch (RuntimeException e) {
      LOG.error("handling the result of {} failed; its lease will expire and it will be retried",
          item, e);
    } finally {
      boolean wasProbe;
      lock.lock();
      try {
        inFlight--;
        wasProbe = probe == item;
        if (wasProbe) {
          probe = null;
        }
      } finally {
        lock.unlock();
      }
      if (result instanceof DeliveryResult.ChannelUnavailable) {
        trip((DeliveryResult.ChannelUnavailable) result);
      } else if (wasProbe) {
        close("probe answered: " + (result != null ? result.getClass().getSimpleName() : "error"));
      }
      // No pump here: completeAll starts what waits once the batch is handled.
    }
  }

  private void afterSend(WorkItem item) {
    lock.lock();
    try {
      inFlight--;
    } finally {
      lock.unlock();
    }
    pump();
  }

  /** Opens the circuit (or re-opens it after a failed probe) and schedules the next probe. */
  void trip(DeliveryResult.ChannelUnavailable cause) {
    boolean paused;
    Duration delay;
    lock.lock();
    try {
      if (closed || circuit == CircuitState.OPEN) {
        return;
      }
      paused = circuit == CircuitState.CLOSED;
      circuit = CircuitState.OPEN;
      wakeAllWaitersLocked();
      openings++;
      delay = probeDelay(cause, openings);
      if (probeTimer != null) {
        probeTimer.cancel();
      }
      probeTimer = scheduler.schedule(this::halfOpen, delay);
    } finally {
      lock.unlock();
    }
    LOG.warn("channel {} unavailable ({}); lane paused, next probe in {}", name(), cause.reason(),
        delay);
    if (paused) {
      host.onCircuit(this, true, cause.reason());
    }
  }

  static Duration probeDelay(DeliveryResult.ChannelUnavailable cause, int openings) {
    if (cause.retryAfter() != null && !cause.retryAfter().isNegative()) {
      return cause.retryAfter().compareTo(PROBE_MAX) > 0 ? PROBE_MAX : cause.retryAfter();
    }
    if (cause.configurationError()) {
      return PROBE_MAX;
    }
    int shift = Math.min(openings - 1, 20);
    Duration d = PROBE_BASE.multipliedBy(1L << shift);
    return d.compareTo(PROBE_MAX) > 0 ? PROBE_MAX : d;
  }

  private void halfOpen() {
    lock.lock();
    try {
      if (closed || circuit != CircuitState.OPEN) {
        return;
      }
      circuit = CircuitState.HALF_OPEN;
      probeTimer = null;
    } finally {
      lock.unlock();
    }
    pump();
    host.laneHasRoom(this);
  }

  /** Closes the circuit: after a successful probe, or by hand. */
  void close(String reason) {
    lock.lock();
    try {
      if (closed || circuit == CircuitState.CLOSED) {
        return;
      }
      circuit = CircuitState.CLOSED;
      openings = 0;
      if (probeTimer != null) {
        probeTimer.cancel();
        probeTimer = null;
      }
    } finally {
      lock.unlock();
    }
    host.onCircuit(this, false, reason);
    pump();
    host.laneHasRoom(this);
  }

  void count(Outcome outcome) {
    attempts.get(outcome).increment();
  }

  void count(DeliveryState terminal) {
    finished.get(terminal).increment();
  }

  ClientStats.LaneStats stats() {
    lock.lock();
    try {
      Map<Outcome, Long> a = new EnumMap<>(Outcome.class);
      attempts.forEach((k, v) -> a.put(k, v.sum()));
      Map<DeliveryState, Long> f = new EnumMap<>(DeliveryState.class);
      finished.forEach((k, v) -> f.put(k, v.sum()));
      return new ClientStats.LaneStats(queue.sizes(), inFlight, circuit, a, f);
    } finally {
      lock.unlock();
    }
  }

  CircuitState circuit() {
    lock.lock();
    try {
      return circuit;
    } finally {
      lock.unlock();
    }
  }

  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** Stops taking work and hands back what is queued (not what is in flight). */
  List<WorkItem> stop() {
    List<WorkItem> rest = new ArrayList<>();
    lock.lock();
    try {
      closed = true;
      queue.drainTo(rest::add);
      wakeAllWaitersLocked();
      if (probeTimer != null) {
        probeTimer.cancel();
      }
    } finally {
      lock.unlock();
    }
    return rest;
  }

  void shutdownExecutor(long timeoutNanos) throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(timeoutNanos, TimeUnit.NANOSECONDS)) {
      executor.shutdownNow();
    }
  }

  private void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("lane {} is shut down; its claims stay in the log", name());
    }
  }
}
