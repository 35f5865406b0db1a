package dev.notify.internal.ratelimit;

import static java.util.Objects.requireNonNull;

import dev.notify.policy.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** Translates {@link RateLimit} to Bucket4j, the one place that knows both. */
public final class Buckets {
  private Buckets() {
  }

  /**
   * {@return a bandwidth of {@code burst} tokens refilled greedily at {@code permits/period}}
   *
   * @param limit the rate limit
   */
  public static Bandwidth bandwidth(RateLimit limit) {
    requireNonNull(limit, "limit");
    return Bandwidth.builder().capacity(limit.burst())
        .refillGreedy(limit.permits(), limit.period()).build();
  }

  /**
   * {@return a bucket configuration with that one bandwidth}
   *
   * @param limit the rate limit
   */
  public static BucketConfiguration configuration(RateLimit limit) {
    return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
  }

  /**
   * {@return a key that changes with the limit, for stores (distributed ones) that cannot replace a
   * bucket's configuration cheaply}
   *
   * @param key the bucket's key
   * @param limit the rate limit the bucket is configured with
   */
  public static String keyWithLimit(String key, RateLimit limit) {
    return key + "#" + limit.permits() + "/" + limit.period().toNanos() + "ns/" + limit.burst();
  }

  /**
   * {@return {@link Duration#ZERO} if consumed, else the (positive) wait for a token}
   *
   * @param probe the result of a try-consume
   */
  public static Duration waitOf(ConsumptionProbe probe) {
    return probe.isConsumed() ? Duration.ZERO
        : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
  }
}
