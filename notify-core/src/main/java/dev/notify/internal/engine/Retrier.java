package dev.notify.internal.engine;

import dev.notify.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a write to the log until it succeeds. The log's error contract makes every write safe to
 * repeat after an ambiguous failure, so the engine never gives up on one: it tries now on the
 * caller's thread, and after a failure again after a backoff (50 ms doubling to 5 s) on its own
 * thread, {@code notify-log-retry}, never on the scheduler's. What follows the write runs once,
 * after the write succeeded. While a write waits, its work stays held in memory, so the engine's
 * capacity still counts it and nothing is stranded.
 */
final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
  static final Duration FIRST = Duration.ofMillis(50);
  static final Duration MAX = Duration.ofSeconds(5);

  private final Scheduler scheduler;
  private final ExecutorService executor;
  private volatile boolean stopped;

  Retrier(Scheduler scheduler, ThreadFactoryNamer threads) {
    this.scheduler = scheduler;
    this.executor = Executors.newSingleThreadExecutor(threads.named("notify-log-retry"));
  }

  /**
   * Writes, then continues with the write's answer.
   *
   * @param what what the write does, for the log message
   * @param write the log call; repeated until it returns
   * @param then gets the answer, once; its exceptions are logged, never retried
   */
  <T> void run(String what, Supplier<T> write, Consumer<T> then) {
    attempt(what, write, then, 0);
  }

  private <T> void attempt(String what, Supplier<T> write, Consumer<T> then, int failed) {
    T answer;
    try {
      answer = write.get();
    } catch (RuntimeException e) {
      if (stopped) {
        LOG.warn("{} failed while the client shuts down; left to the log's lease: {}", what,
            e.toString());
        return;
      }
      Duration delay = backoff(failed + 1);
      if (failed == 0) {
        LOG.warn("{} failed; retrying in {}", what, delay, e);
      } else {
        LOG.warn("{} failed {} times; retrying in {}: {}", what, failed + 1, delay, e.toString());
      }
      later(delay, () -> attempt(what, write, then, failed + 1));
      return;
    }
    try {
      then.accept(answer);
    } catch (RuntimeException e) {
      LOG.error("handling the answer of {} failed", what, e);
    }
  }

  /** Runs a task on the retry thread after a delay. */
  void later(Duration delay, Runnable task) {
    scheduler.schedule(() -> {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        LOG.debug("retry dropped: the client is shut down");
      }
    }, delay);
  }

  /** {@return the delay before the {@code n}th retry: 50 ms, doubling, at most 5 s} */
  static Duration backoff(int n) {
    int shift = Math.min(Math.max(n - 1, 0), 10);
    Duration d = FIRST.multipliedBy(1L << shift);
    return d.compareTo(MAX) > 0 ? MAX : d;
  }

  void stop() {
    stopped = true;
    executor.shutdown();
  }
}
