package dev.notify.internal.engine;

import dev.notify.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default scheduler: one daemon thread on the system clock. */
final class SystemScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);
  private final ScheduledThreadPoolExecutor executor;

  SystemScheduler(ThreadFactory threads) {
    executor = new ScheduledThreadPoolExecutor(1, threads);
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Scheduled schedule(Runnable task, Duration delay) {
    Runnable safe = () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("scheduled task failed", e);
      }
    };
    try {
      ScheduledFuture<?> f = executor.schedule(safe, Math.max(0, delay.toNanos()),
          TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return () -> { };
    }
  }

  void shutdown() {
    executor.shutdownNow();
  }
}
