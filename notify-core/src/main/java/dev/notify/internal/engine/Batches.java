package dev.notify.internal.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands items from any thread to an executor in batches: the first item of a batch starts one
 * task, which handles every item queued meanwhile, then runs {@code afterBatch}. Items come in
 * bursts (one network read holds many answers); a task per item would cost a hand-over and a
 * wake-up each.
 *
 * @param <T> the items
 */
final class Batches<T> {
  private final ConcurrentLinkedQueue<T> queued = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final Consumer<T> handler;
  private final Runnable afterBatch;
  private final Executor executor;

  Batches(Consumer<T> handler, Runnable afterBatch, Executor executor) {
    this.handler = handler;
    this.afterBatch = afterBatch;
    this.executor = executor;
  }

  void add(T item) {
    queued.add(item);
    if (running.compareAndSet(false, true)) {
      executor.execute(this::runAll);
    }
  }

  private void runAll() {
    do {
      T item;
      while ((item = queued.poll()) != null) {
        handler.accept(item);
      }
      running.set(false);
      afterBatch.run();
      // An item added after the last poll but before the flag cleared is ours to handle.
    } while (!queued.isEmpty() && running.compareAndSet(false, true));
  }
}
