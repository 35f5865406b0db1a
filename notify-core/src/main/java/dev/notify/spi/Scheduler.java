package dev.notify.spi;

import java.time.Duration;

/**
 * Runs tasks after a delay. The client uses it for retries, scheduled sends, lease renewal,
 * recovery polls and circuit probes; injecting a manual one (notify-testkit's {@code ManualTime})
 * makes all of that deterministic in tests. Tasks must be short: they only hand work to the engine.
 */
public interface Scheduler {

  /**
   * {@return a handle to cancel the task}
   *
   * @param task what to run
   * @param delay how long from now (by the client's clock); zero or negative runs it soon
   */
  Scheduled schedule(Runnable task, Duration delay);

  /**
   * Runs a task at an instant of the client's clock. The default turns it into a delay from
   * {@code clock}; a scheduler that owns its clock (a manual one in tests) should schedule at the
   * instant itself, so that time moving between the two calls cannot make the task late.
   *
   * @param task what to run
   * @param at when, by {@code clock}; now or earlier runs it soon
   * @param clock the client's clock
   * @return a handle to cancel the task
   */
  default Scheduled scheduleAt(Runnable task, java.time.Instant at, java.time.Clock clock) {
    return schedule(task, Duration.between(clock.instant(), at));
  }

  /** A scheduled task. */
  interface Scheduled {
    /** Cancels the task if it has not run yet. */
    void cancel();
  }
}
