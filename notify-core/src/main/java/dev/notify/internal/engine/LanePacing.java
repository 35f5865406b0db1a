package dev.notify.internal.engine;

import dev.notify.internal.ratelimit.Pacer;
import dev.notify.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lane's share of the provider's throughput limit: a token per send started, and when there is
 * none, one pump scheduled for when the next token is due (never one per waiting send).
 */
final class LanePacing {
  private final Pacer pacer;
  private final Scheduler scheduler;
  private final Clock clock;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  LanePacing(Pacer pacer, Scheduler scheduler, Clock clock) {
    this.pacer = pacer;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * @param pump called when the next token is due, if there is none now
   * @return true if a token was taken and a send may start now
   */
  boolean tryStart(Runnable pump) {
    // Read the time first: if it moves meanwhile, the pump comes early (and asks again), never late.
    Instant asked = clock.instant();
    Duration wait = pacer.tryAcquire();
    if (wait.isZero() || wait.isNegative()) {
      return true;
    }
    if (scheduled.compareAndSet(false, true)) {
      scheduler.scheduleAt(() -> {
        scheduled.set(false);
        pump.run();
      }, asked.plus(wait), clock);
    }
    return false;
  }
}
