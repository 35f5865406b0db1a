package dev.notify.spi.store;

import dev.notify.policy.RateLimit;
import java.time.Duration;

/**
 * Holds the token buckets behind rate limits. The default keeps them in memory, so limits are per
 * instance; when several instances must share limits, plug in
 * {@link dev.notify.bucket4j.Bucket4jRateLimitStore} over one of Bucket4j's distributed back ends
 * (PostgreSQL, Redis, …), or implement this directly.
 *
 * <h2>Contract</h2>
 * A bucket is created full on first use. The same key may later come with a different limit (the
 * configuration changed); the store then applies the new limit, for example by keying buckets by
 * key and limit together. A store may forget a bucket that has been idle long enough to be full
 * again ({@link RateLimit#timeToFill()}); forgetting a busier one only lets a recipient through
 * early.
 *
 * <h2>Threading</h2>
 * Called concurrently on dispatcher threads (per-recipient limits) and on channel lane threads
 * (provider pacing), for the same key too; must be thread-safe. A distributed store makes a
 * network round trip, so it blocks for that long: give it a short timeout. A store that throws is
 * treated as allowing the send (limits fail open, with a warning).
 */
public interface RateLimitStore {

  /**
   * Tries to take one permit from the bucket under {@code key}.
   *
   * @param key the bucket's key, e.g. a recipient and channel type
   * @param limit the bucket's limit
   * @return {@link Duration#ZERO} if a permit was taken; otherwise, with nothing taken, how long
   *     until a permit will be available (positive)
   */
  Duration tryAcquire(String key, RateLimit limit);
}
