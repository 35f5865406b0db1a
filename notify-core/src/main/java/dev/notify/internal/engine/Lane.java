package dev.notify.internal.engine;

import dev.notify.internal.queue.WeightedQueue;
import dev.notify.internal.ratelimit.Pacer;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.Scheduler;
import dev.notify.status.CircuitState;
import dev.notify.status.ClientStats;
import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's bulkhead: a bounded priority queue, its own executor, a cap on sends in flight,
 * and a {@link Circuit circuit breaker}. Work takes a place in the queue ({@link #tryReserve}, a {@link LanePlace})
 * before it is held in memory, so an {@link #offer} never blocks and is refused only while the
 * circuit is open or the lane stopped; the work then stays in the log until the lane has room.
 */
final class Lane {
  private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

  private final Channel channel;
  private final LaneOptions options;
  private final Scheduler scheduler;
  private final Clock clock;
  private final LaneHost host;
  private final LaneThreads pools;
  private final ChannelContext context;

  // Guarded by lock: the queue, its room, in flight, the circuit and closed.
  private final ReentrantLock lock = new ReentrantLock();
  private final WeightedQueue<WorkItem> queue = new WeightedQueue<>(WorkItem::priority);
  private final LaneRoom room;
  private int inFlight;
  private final Circuit circuit;
  private boolean closed;

  private volatile boolean backlog;
  private final AtomicBoolean pumpScheduled = new AtomicBoolean();
  private final Batches<Completed> completed;
  /** Answers this thread handled in its current batch, whose places in flight are still held. */
  private final ThreadLocal<int[]> answered = ThreadLocal.withInitial(() -> new int[1]);
  private final @Nullable LanePacing pacing;
  private final LaneCounters counters = new LaneCounters();

  Lane(Channel channel, LaneOptions options, @Nullable Pacer pacer, Scheduler scheduler,
      Clock clock, ThreadFactoryNamer threads, ContextFactory contexts, LaneHost host) {
    this.channel = channel;
    this.clock = clock;
    this.pacing = pacer == null ? null : new LanePacing(pacer, scheduler, clock);
    this.options = options;
    this.room = new LaneRoom(lock, options.queueCapacity());
    this.scheduler = scheduler;
    this.host = host;
    this.pools = new LaneThreads(channel.name(), options, threads);
    this.context = contexts.create(channel.name(), pools.executor, pools.blocking);
    this.circuit = new Circuit(scheduler);
    // The answers free places in flight: after a batch, start what waits on the same thread
    // rather than hand a pump to another one.
    this.completed = new Batches<>(this::complete, this::afterResults, this::execute);
  }

  /** Makes a channel's context once the lane's executor exists. */
  interface ContextFactory {
    ChannelContext create(String channelName, Executor executor, Executor blocking);
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

  /**
   * Reserves a place in the queue for an item about to be held in memory, so that what the intake
   * holds for this lane always fits: the lane never turns work away for want of room, and nothing
   * bounces between memory and the log under load.
   *
   * @return the place, or null when there is none now (see {@link #isPaused()} for why)
   */
  @Nullable LanePlace tryReserve() {
    lock.lock();
    try {
      return reserveLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Like {@link #tryReserve} but waits for a place in a full lane until the deadline
   * ({@link System#nanoTime}); a paused lane answers null at once.
   */
  @Nullable LanePlace reserve(long deadlineNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (true) {
        LanePlace place = reserveLocked();
        long left = deadlineNanos - System.nanoTime();
        if (place != null || isPausedLocked() || left <= 0) {
          return place;
        }
        room.await(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** @return true when the circuit is not closed or the lane stopped: work waits in the log */
  boolean isPaused() {
    lock.lock();
    try {
      return isPausedLocked();
    } finally {
      lock.unlock();
    }
  }

  private boolean isPausedLocked() {
    return closed || circuit.state() != CircuitState.CLOSED;
  }

  private @Nullable LanePlace reserveLocked() {
    if (roomLocked() > 0) {
      room.reserve();
      return new LanePlace(this);
    }
    return null;
  }

  /** Closed: the queue's free places. Half open: one, for the probe. Open or stopped: none. */
  private int roomLocked() {
    if (closed) {
      return 0;
    }
    switch (circuit.state()) {
      case OPEN:
        return 0;
      case HALF_OPEN:
        // One delivery may go as the probe; the rest waits in the log for the verdict.
        return circuit.probeSlotFree(queue.isEmpty(), room.reserved()) ? 1 : 0;
      default:
        return room.free(queue.size());
    }
  }

  /**
   * @return false when the circuit is open or the lane stopped (or, which reservations prevent,
   *     its queue is full): the caller parks the work
   */
  boolean offer(WorkItem item) {
    lock.lock();
    try {
      if (closed || circuit.state() == CircuitState.OPEN
          || queue.size() >= options.queueCapacity()) {
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
      return roomLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Gives a place back; only {@link LanePlace#release()} calls this, once per place. */
  void releasePlace() {
    lock.lock();
    try {
      room.release();
      room.freedUp(queue.size());
    } finally {
      lock.unlock();
    }
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
      if (pacing != null && !paced()) {
        return;
      }
      lock.lock();
      try {
        if (closed || !circuit.mayStart(inFlight, options.maxInFlight())) {
          return;
        }
        item = queue.poll();
        if (item != null) {
          room.freedUp(queue.size());
          inFlight++;
          circuit.started(item);
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
      if (closed || queue.isEmpty() || !circuit.mayStart(inFlight, options.maxInFlight())) {
        return false;
      }
    } finally {
      lock.unlock();
    }
    return pacing.tryStart(this::pump);
  }

  private void start(WorkItem item) {
    boolean send;
    RuntimeException failure = null;
    try {
      send = !item.hasLeft() && host.markSending(this, item);
    } catch (RuntimeException e) {
      send = false;
      failure = e;
    }
    if (!send) {
      // Not sent (cancelled, claim lost, expired, the log failed): if it was to be the probe,
      // another may be. Its place in flight is free again either way.
      lock.lock();
      try {
        inFlight--;
        circuit.ended(item);
      } finally {
        lock.unlock();
      }
      if (failure != null) {
        host.sendingNotRecorded(this, item, failure);
      }
      pump();
      return;
    }
    // Providers complete on their own I/O threads (Netty event loops): hop back to this lane.
    Delivery delivery = new Delivery(item.deliveryId(), item.attemptCount() + 1, item.message());
    BoundedCall.attempt(channel, delivery, context, pools.blocking, scheduler, clock,
        options.attemptTimeout(), (result, error) -> completed.add(new Completed(item, result,
            error)));
  }

  /** A provider's answer waiting to be handled on the lane's executor. */
  private record Completed(WorkItem item, @Nullable DeliveryResult result,
      @Nullable Throwable error) {
  }

  /**
   * After a batch of answers: their outcomes go to the log together, their places in flight come
   * back, then what waits starts. A place is held until its outcome is written, so memory never
   * holds more of a lane's work than its queue and its places in flight.
   */
  private void afterResults() {
    int[] mine = answered.get();
    int n = mine[0];
    mine[0] = 0;
    AtomicBoolean returned = new AtomicBoolean();
    Runnable giveBack = () -> {
      lock.lock();
      try {
        inFlight -= n;
      } finally {
        lock.unlock();
      }
      if (returned.get()) {
        pump(); // written by another thread, after this one moved on
      }
    };
    try {
      host.resultsHandled(this, giveBack);
    } catch (RuntimeException e) {
      LOG.error("writing the outcomes of lane {} failed", name(), e);
    }
    returned.set(true);
    pumpHere();
  }

  private void pumpHere() {
    if (pumpScheduled.compareAndSet(false, true)) {
      drain();
    }
  }

  private void complete(Completed c) {
    WorkItem item = c.item();
    DeliveryResult result = c.result();
    Throwable error = c.error();
    try {
      host.onResult(this, item, result, error);
    } catch (RuntimeException e) {
      LOG.error("handling the result of {} failed; its lease will expire and it will be retried",
          item, e);
    } finally {
      boolean wasProbe;
      lock.lock();
      try {
        // Its place in flight is given back once its outcome is written (afterResults).
        answered.get()[0]++;
        wasProbe = circuit.ended(item);
      } finally {
        lock.unlock();
      }
      if (result instanceof DeliveryResult.ChannelUnavailable) {
        trip((DeliveryResult.ChannelUnavailable) result);
      } else if (wasProbe) {
        close("probe answered: " + (result != null ? result.getClass().getSimpleName() : "error"));
      }
      // No pump here: pumpHere starts what waits once the batch is handled.
    }
  }

  /** Opens the circuit (or re-opens it after a failed probe) and schedules the next probe. */
  void trip(DeliveryResult.ChannelUnavailable cause) {
    boolean paused;
    Duration delay;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      paused = circuit.state() == CircuitState.CLOSED;
      delay = circuit.open(cause, this::halfOpen);
      if (delay == null) {
        return;
      }
      room.wakeAll();
    } finally {
      lock.unlock();
    }
    LOG.warn("channel {} unavailable ({}); lane paused, next probe in {}", name(), cause.reason(),
        delay);
    if (paused) {
      host.onCircuit(this, true, cause.reason());
    }
  }

  private void halfOpen() {
    lock.lock();
    try {
      if (closed || !circuit.halfOpen()) {
        return;
      }
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
      if (closed || !circuit.close()) {
        return;
      }
    } finally {
      lock.unlock();
    }
    host.onCircuit(this, false, reason);
    pump();
    host.laneHasRoom(this);
  }

  void count(Outcome outcome) {
    counters.count(outcome);
  }

  void count(DeliveryState terminal) {
    counters.count(terminal);
  }

  void countParked() {
    counters.parked();
  }

  ClientStats.LaneStats stats() {
    lock.lock();
    try {
      return new ClientStats.LaneStats(queue.sizes(), inFlight, circuit.state(),
          counters.attempts(), counters.finished(), counters.parkedCount());
    } finally {
      lock.unlock();
    }
  }

  CircuitState circuit() {
    lock.lock();
    try {
      return circuit.state();
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
      room.wakeAll();
      circuit.cancelTimer();
    } finally {
      lock.unlock();
    }
    return rest;
  }

  void shutdownExecutor(long timeoutNanos) throws InterruptedException {
    pools.shutdown(timeoutNanos);
  }

  private void execute(Runnable task) {
    pools.execute(task);
  }
}
