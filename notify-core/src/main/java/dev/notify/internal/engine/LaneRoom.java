package dev.notify.internal.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The places of a lane's queue that are reserved for items not in it yet (in the intake or being
 * dispatched), and the senders waiting for a place. Reserved and queued items together never
 * exceed the queue's capacity. Guarded by the lane's lock: every method is called holding it.
 */
final class LaneRoom {
  /** A waiting sender looks for room at least this often, woken or not. */
  private static final long RECHECK_NANOS = Duration.ofMillis(10).toNanos();

  private final int capacity;
  /** How many places must be free before waiting senders are woken. */
  private final int wakeBatch;
  private final Condition freed;
  private int reserved;
  private int waiters;

  LaneRoom(ReentrantLock lock, int capacity) {
    this.capacity = capacity;
    this.wakeBatch = Math.max(1, Math.min(64, capacity / 8));
    this.freed = lock.newCondition();
  }

  /** @return places reserved and not yet in the queue */
  int reserved() {
    return reserved;
  }

  /** @return free places, given how many items are queued */
  int free(int queued) {
    return Math.max(0, capacity - queued - reserved);
  }

  void reserve() {
    reserved++;
  }

  void release() {
    reserved--;
  }

  /** Waits for a wake-up, at most {@code nanos} and at most the recheck interval. */
  void await(long nanos) throws InterruptedException {
    waiters++;
    try {
      freed.await(Math.min(nanos, RECHECK_NANOS), TimeUnit.NANOSECONDS);
    } finally {
      waiters--;
    }
  }

  /**
   * Wakes waiting senders once a batch of places is free (or the queue is empty), not at every
   * freed place: a saturated lane would otherwise wake its sender for each delivery it starts, a
   * context switch per send.
   */
  void freedUp(int queued) {
    if (waiters > 0 && (queued == 0 || free(queued) >= wakeBatch)) {
      freed.signalAll();
    }
  }

  /** Wakes every waiting sender: the lane paused or stopped. */
  void wakeAll() {
    if (waiters > 0) {
      freed.signalAll();
    }
  }
}
