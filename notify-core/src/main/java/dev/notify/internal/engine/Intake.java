package dev.notify.internal.engine;

import dev.notify.Priority;
import dev.notify.internal.queue.WeightedQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Work waiting for a dispatcher, taken by priority, and the one way into memory. Unbounded by
 * itself: admission to memory is bounded by the engine's capacity before anything gets here.
 */
final class Intake {
  private final Memory memory;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final WeightedQueue<WorkItem> queue = new WeightedQueue<>(WorkItem::priority);
  private volatile Predicate<WorkItem> direct = item -> false;
  private volatile @Nullable Consumer<WorkItem> dispatchNow;

  Intake(Memory memory) {
    this.memory = memory;
  }

  /**
   * Work for which dispatch is only the hand-over to its lane (no lookup, no policy, no
   * rendering) skips the dispatchers: the admitting thread hands it over at once, saving a
   * thread hop. The lane's own queue keeps the priority order.
   */
  void dispatchDirectly(Predicate<WorkItem> when, Consumer<WorkItem> dispatch) {
    this.direct = when;
    this.dispatchNow = dispatch;
  }

  /**
   * Holds a claimed delivery in memory and queues it for a dispatcher (or dispatches it now, see
   * {@link #dispatchDirectly}). The caller has taken its memory permit and, unless it is a user
   * or group placeholder, a place in its lane.
   */
  void admit(WorkItem item) {
    memory.hold(item);
    if (direct.test(item)) {
      dispatchNow.accept(item);
    } else {
      offer(item);
    }
  }

  /**
   * Like {@link #admit} for work claimed from the log, which always goes to a dispatcher: the
   * claiming thread does no dispatch work and runs no listener.
   */
  void admitFromLog(WorkItem item) {
    memory.hold(item);
    offer(item);
  }

  private void offer(WorkItem item) {
    lock.lock();
    try {
      queue.add(item);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Blocks until work is available; interrupted when the client stops. */
  WorkItem take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (queue.isEmpty()) {
        notEmpty.await();
      }
      return queue.poll();
    } finally {
      lock.unlock();
    }
  }

  List<WorkItem> drain() {
    lock.lock();
    try {
      List<WorkItem> all = new ArrayList<>();
      queue.drainTo(all::add);
      return all;
    } finally {
      lock.unlock();
    }
  }

  Map<Priority, Integer> sizes() {
    lock.lock();
    try {
      return queue.sizes();
    } finally {
      lock.unlock();
    }
  }
}
