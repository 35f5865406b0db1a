package dev.notify.internal;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;

/**
 * A Caffeine {@link Ticker} reading the client's {@link Clock}, so cache expiry follows the same
 * (injectable) time as everything else and TTL tests run on a manual clock.
 */
public final class ClockTicker implements Ticker {
  private final Clock clock;

  /**
   * Creates a ticker reading this clock.
   *
   * @param clock the time source
   */
  public ClockTicker(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public long read() {
    Instant now = clock.instant();
    // nanoseconds since the epoch: fits a long until the year 2262
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
