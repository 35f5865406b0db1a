package dev.notify.spi;

import java.time.Duration;

/**
 * Runs tasks after a delay. The client uses it for retries, scheduled sends, lease renewal,
 * recovery polls and circuit probes; injecting a manual one (notify-testkit's {@code ManualTime})
 * makes all of that deterministic in tests. Tasks must be short: they only hand work to the engine.
 */
public interface Scheduler {

  /**
   * @param task what to run
   * @param delay how long from now (by the client's clock); zero or negative runs it soon
   * @return a handle to cancel the task
   */
  Scheduled schedule(Runnable task, Duration delay);

  /** A scheduled task. */
  interface Scheduled {
    /** Cancels the task if it has not run yet. */
    void cancel();
  }
}
