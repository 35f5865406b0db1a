package dev.notify.internal.engine;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bound on work accepted and not yet finished, under backpressure REJECT and BLOCK: one
 * permit per delivery due now, taken when {@code send} accepts it and given back when its
 * notification finishes (on any instance; see {@link Completions}). Work waiting in the log for a
 * retry, for room in its lane or for a paused provider counts, so a stalled provider fills the
 * bound and {@code send} rejects or blocks instead of piling work up in the log. Scheduled work
 * counts from when it is due (it is claimed like any other), not while it waits for its time; a
 * user or a group counts as one delivery until it is resolved. SPILL takes no permits.
 */
final class Backlog {
  private final int capacity;
  private final Semaphore permits;

  Backlog(int capacity) {
    this.capacity = capacity;
    this.permits = new Semaphore(capacity);
  }

  int capacity() {
    return capacity;
  }

  boolean tryAcquire(int n) {
    return n == 0 || permits.tryAcquire(n);
  }

  boolean tryAcquire(int n, Duration timeout) throws InterruptedException {
    return n == 0 || permits.tryAcquire(n, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  void release(int n) {
    if (n > 0) {
      permits.release(n);
    }
  }

  /** {@return how many permits are held: deliveries accepted and not finished} */
  int held() {
    return capacity - permits.availablePermits();
  }
}
