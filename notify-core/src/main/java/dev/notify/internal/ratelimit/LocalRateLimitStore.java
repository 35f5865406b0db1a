package dev.notify.internal.ratelimit;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.notify.internal.ClockTicker;
import dev.notify.policy.RateLimit;
import dev.notify.spi.store.RateLimitStore;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * The default {@link RateLimitStore}: Bucket4j local buckets held in a bounded Caffeine cache,
 * timed by the injected clock. A bucket idle for {@link RateLimit#timeToFill()} is full again, so
 * it expires then without losing anything; only eviction for size (more than
 * {@code maximumBuckets} recipients active at once) can let a recipient through early.
 */
public final class LocalRateLimitStore implements RateLimitStore {
  private static final java.time.Duration IDLE_SLACK = java.time.Duration.ofMinutes(1);

  /** The default number of buckets held. */
  public static final long DEFAULT_MAXIMUM_BUCKETS = 100_000;

  private final TimeMeter time;
  private final Cache<String, Entry> buckets;

  /**
   * A store of up to {@link #DEFAULT_MAXIMUM_BUCKETS} buckets.
   *
   * @param clock the time source for refills and expiry
   */
  public LocalRateLimitStore(Clock clock) {
    this(clock, DEFAULT_MAXIMUM_BUCKETS);
  }

  /**
   * Creates a store of up to {@code maximumBuckets} buckets.
   *
   * @param clock the time source for refills and expiry
   * @param maximumBuckets how many buckets to hold; positive
   */
  public LocalRateLimitStore(Clock clock, long maximumBuckets) {
    requireNonNull(clock, "clock");
    if (maximumBuckets <= 0) {
      throw new IllegalArgumentException("maximumBuckets must be positive: " + maximumBuckets);
    }
    this.time = new ClockTimeMeter(clock);
    this.buckets = Caffeine.newBuilder()
        .maximumSize(maximumBuckets)
        // An idle bucket is full after timeToFill, so dropping it then loses nothing; the slack
        // keeps concurrent calls at that exact instant from seeing two buckets (two tokens).
        .expireAfter(Expiry.accessing((String key, Entry e) -> e.limit.timeToFill()
            .plus(IDLE_SLACK)))
        .ticker(new ClockTicker(clock))
        .executor(Runnable::run) // maintenance is cheap; keep it off the common pool
        .build();
  }

  @Override
  public Duration tryAcquire(String key, RateLimit limit) {
    requireNonNull(key, "key");
    requireNonNull(limit, "limit");
    Entry e = buckets.asMap().compute(key,
        (k, old) -> old != null && old.limit.equals(limit) ? old : new Entry(limit, bucket(limit)));
    return Buckets.waitOf(e.bucket.tryConsumeAndReturnRemaining(1));
  }

  private Bucket bucket(RateLimit limit) {
    return Bucket.builder().addLimit(Buckets.bandwidth(limit)).withCustomTimePrecision(time)
        .build();
  }

  /** {@return roughly how many buckets are held} */
  public long estimatedSize() {
    return buckets.estimatedSize();
  }

  @Override
  public String toString() {
    return "LocalRateLimitStore[~" + buckets.estimatedSize() + " buckets]";
  }

  private record Entry(RateLimit limit, Bucket bucket) {
  }
}
