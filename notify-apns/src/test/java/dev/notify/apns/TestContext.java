package dev.notify.apns;

import dev.notify.spi.ChannelContext;
import dev.notify.spi.ReceiptSink;
import dev.notify.spi.Scheduler;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A context on a real timer, kept only for {@link ApnsThroughputBenchmark} until it moves to its
 * own module; delete it then. Tests use the testkit's {@code ManualChannelContext}.
 */
final class TestContext implements ChannelContext {
  private static final ScheduledThreadPoolExecutor TIMER = timer();
  private static final TestContext REAL = new TestContext();

  private TestContext() {
  }

  /** @return a context whose scheduler runs tasks on a real timer thread */
  static TestContext real() {
    return REAL;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "test-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  @Override
  public String channelName() {
    return "apns";
  }

  @Override
  public Executor executor() {
    return Runnable::run;
  }

  @Override
  public Scheduler scheduler() {
    return (task, delay) -> {
      var future = TIMER.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    };
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public ReceiptSink receipts() {
    return (providerMessageId, receipt) -> false;
  }
}
