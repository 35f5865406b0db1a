package dev.notify.apns;

import dev.notify.spi.ChannelContext;
import dev.notify.spi.ReceiptSink;
import dev.notify.spi.Scheduler;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** What the engine would hand the channel: here a direct executor and a real or manual scheduler. */
final class TestContext implements ChannelContext {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Scheduler scheduler;
  private final Clock clock;

  private TestContext(Scheduler scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** @return a context whose scheduler runs tasks on a real timer thread */
  static TestContext real() {
    return new TestContext((task, delay) -> {
      var future = TIMER.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    }, Clock.systemUTC());
  }

  /** @return a context on the given scheduler and clock */
  static TestContext with(Scheduler scheduler, Clock clock) {
    return new TestContext(scheduler, clock);
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
    return scheduler;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public ReceiptSink receipts() {
    return (providerMessageId, receipt) -> false;
  }
}
