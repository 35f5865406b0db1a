package dev.notify.bench.scenario;

import dev.notify.spi.ChannelContext;
import dev.notify.spi.ReceiptSink;
import dev.notify.spi.Scheduler;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** What the engine would hand a channel, for baselines that call a channel directly. */
final class Contexts {
  private Contexts() {
  }

  /**
   * {@return results handled on the calling thread, timeouts on {@code timer}, no receipts}
   *
   * @param name the channel's name
   * @param timer a timer that drops cancelled tasks at once
   */
  static ChannelContext direct(String name, ScheduledThreadPoolExecutor timer) {
    return new ChannelContext() {
      @Override
      public String channelName() {
        return name;
      }

      @Override
      public Executor executor() {
        return Runnable::run;
      }

      @Override
      public Scheduler scheduler() {
        return (task, delay) -> {
          var future = timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
          return () -> future.cancel(false);
        };
      }

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }

      @Override
      public ReceiptSink receipts() {
        return ReceiptSink.ignoring();
      }
    };
  }

  /** {@return a one-thread daemon timer that drops cancelled tasks} */
  static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "bench-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
