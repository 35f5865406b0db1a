package dev.notify.internal.engine;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The bounded set of deliveries held in memory (queued, dispatching, in a lane or in flight). Its
 * capacity is the engine's backpressure bound; each held item owns one permit until it leaves.
 */
final class Memory {
  private final int capacity;
  private final Semaphore permits;
  private final ConcurrentHashMap<String, WorkItem> held = new ConcurrentHashMap<>();
  private final Object emptied = new Object();
  private volatile Runnable onFreed = () -> { };
  private volatile boolean backlog;
  /**
   * Held (shared) while a send stores deliveries claimed by this instance and takes them into
   * memory; taken (exclusive) to give back what this instance claims but does not hold, so that
   * nothing being taken in at that moment is given back under it.
   */
  private final ReentrantReadWriteLock intake = new ReentrantReadWriteLock();

  Memory(int capacity) {
    this.capacity = capacity;
    this.permits = new Semaphore(capacity);
  }

  void onFreed(Runnable r) {
    this.onFreed = r;
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

  int available() {
    return permits.availablePermits();
  }

  void release(int n) {
    if (n > 0) {
      permits.release(n);
    }
  }

  /** Holds an item whose permit the caller has acquired. */
  void hold(WorkItem item) {
    held.put(item.deliveryId(), item);
  }

  /** Takes an item out of memory; only the first caller for an item gets true. */
  boolean leave(WorkItem item) {
    if (!item.leave()) {
      return false;
    }
    held.remove(item.deliveryId(), item);
    permits.release();
    if (held.isEmpty()) {
      synchronized (emptied) {
        emptied.notifyAll();
      }
    }
    if (backlog) {
      onFreed.run();
    }
    return true;
  }

  /** Work is waiting in the log (spilled or parked): ask for a claim whenever room frees up. */
  void markBacklog() {
    backlog = true;
  }

  void clearBacklog() {
    backlog = false;
  }

  boolean backlog() {
    return backlog;
  }

  int size() {
    return held.size();
  }

  /** Runs a step that stores claimed deliveries and holds them, excluding {@link #givingBack}. */
  <T> T takingIn(Supplier<T> step) {
    intake.readLock().lock();
    try {
      return step.get();
    } finally {
      intake.readLock().unlock();
    }
  }

  /**
   * Gives back what is claimed but not held: {@code giveBack} gets the ids held now, while no
   * send is between storing its claims and holding them.
   */
  <T> T givingBack(Function<Set<String>, T> giveBack) {
    intake.writeLock().lock();
    try {
      return giveBack.apply(heldIds());
    } finally {
      intake.writeLock().unlock();
    }
  }

  /** @return the ids of the deliveries held now (a copy) */
  Set<String> heldIds() {
    return new HashSet<>(held.keySet());
  }

  @Nullable WorkItem get(String deliveryId) {
    return held.get(deliveryId);
  }

  /** @return true if memory emptied before the deadline ({@link System#nanoTime()}) */
  boolean awaitEmpty(long deadlineNanos) throws InterruptedException {
    synchronized (emptied) {
      while (!held.isEmpty()) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(emptied, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
      return true;
    }
  }
}
