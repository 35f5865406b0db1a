package dev.notify.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A token bucket: {@code permits} per {@code period}, refilled smoothly, holding at most
 * {@code burst} at once. {@code RateLimit.of(3, Duration.ofHours(1))} allows 3 at once, then one
 * every 20 minutes; {@code RateLimit.perSecond(10).withBurst(1)} spaces sends 100 ms apart.
 *
 * <p>Used for per-recipient limits (see {@link RateLimits}) and for a channel's provider
 * throughput. A bucket that is left alone fills up again, so over any window of length
 * {@code period} at most {@code burst + permits} pass.
 *
 * @param permits how many per period; at least 1
 * @param period the period; positive, at most one permit per nanosecond
 * @param burst the most that can pass at once (the bucket's capacity); at least 1
 */
public record RateLimit(long permits, Duration period, long burst) {

  /**
   * Rejects non-positive values and rates above one per nanosecond.
   *
   * @param permits how many per period; at least 1
   * @param period the period; positive, at most one permit per nanosecond
   * @param burst the most that can pass at once (the bucket's capacity); at least 1
   */
  public RateLimit {
    requireNonNull(period, "period");
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1: " + permits);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
    long nanos;
    try {
      nanos = period.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("period is too long: " + period, e);
    }
    if (permits > nanos) {
      throw new IllegalArgumentException(
          "at most one permit per nanosecond: " + permits + " per " + period);
    }
  }

  /**
   * {@return {@code permits} per {@code period}, all of them available at once}
   *
   * @param permits how many per period; at least 1
   * @param period the period; positive, at most one permit per nanosecond
   */
  public static RateLimit of(long permits, Duration period) {
    return new RateLimit(permits, period, permits);
  }

  /**
   * {@return {@code permits} per second, all of them available at once}
   *
   * @param permits how many per second; at least 1
   */
  public static RateLimit perSecond(long permits) {
    return of(permits, Duration.ofSeconds(1));
  }

  /**
   * {@return {@code permits} per minute, all of them available at once}
   *
   * @param permits how many per minute; at least 1
   */
  public static RateLimit perMinute(long permits) {
    return of(permits, Duration.ofMinutes(1));
  }

  /**
   * {@return {@code permits} per hour, all of them available at once}
   *
   * @param permits how many per hour; at least 1
   */
  public static RateLimit perHour(long permits) {
    return of(permits, Duration.ofHours(1));
  }

  /**
   * {@return the same rate with a different burst}
   *
   * @param burst the most that can pass at once (the bucket's capacity); at least 1
   */
  public RateLimit withBurst(long burst) {
    return new RateLimit(permits, period, burst);
  }

  /** {@return how long an empty bucket takes to fill up: {@code period × burst / permits}} */
  public Duration timeToFill() {
    return period.multipliedBy(burst).dividedBy(permits);
  }

  @Override
  public String toString() {
    return permits + " per " + period + (burst != permits ? " (burst " + burst + ")" : "");
  }
}
