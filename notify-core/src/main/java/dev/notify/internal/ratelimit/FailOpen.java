package dev.notify.internal.ratelimit;

import dev.notify.policy.RateLimit;
import dev.notify.spi.store.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a {@link RateLimitStore} and treats its failure as a permit: a limit store that is down
 * (a Redis outage) must not stop every notification. Warns at most once a minute, with a count.
 */
final class FailOpen {
  private static final Logger log = LoggerFactory.getLogger(FailOpen.class);
  private static final long WARN_EVERY_MILLIS = 60_000;

  private final RateLimitStore store;
  private final Clock clock;
  private final AtomicLong nextWarnAt = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong failures = new AtomicLong();

  FailOpen(RateLimitStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  Duration tryAcquire(String key, RateLimit limit) {
    try {
      Duration wait = store.tryAcquire(key, limit);
      if (wait == null || wait.isNegative()) {
        throw new IllegalStateException(store + " returned " + wait + " for a wait");
      }
      return wait;
    } catch (RuntimeException e) {
      long n = failures.incrementAndGet();
      long now = clock.millis();
      long due = nextWarnAt.get();
      if (now >= due && nextWarnAt.compareAndSet(due, now + WARN_EVERY_MILLIS)) {
        failures.set(0);
        log.warn("rate limit store {} failed ({} failures since the last warning); sending "
            + "without the limit: {}", store, n, e.toString());
      }
      return Duration.ZERO;
    }
  }
}
