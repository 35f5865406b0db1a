package dev.notify.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of sender threads that live across a scenario's rounds, so the allocation of the
 * threads alive at a round's end includes theirs.
 */
final class Senders implements AutoCloseable {
  /** What one sender does for notification {@code i} (of the whole round). */
  interface Work {
    void send(int i) throws Exception;
  }

  private final ExecutorService pool;
  private final int threads;

  Senders(int threads) {
    this.threads = threads;
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bench-sender-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // start them all now
    run(threads, i -> { });
  }

  int threads() {
    return threads;
  }

  /** Runs {@code count} sends split over the threads and waits for all of them. */
  void run(int count, Work work) {
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      done.add(pool.submit(() -> {
        for (int i = offset; i < count; i += threads) {
          work.send(i);
        }
        return null;
      }));
    }
    try {
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      throw new IllegalStateException("a sender failed", e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
