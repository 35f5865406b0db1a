package dev.notify.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How retryable failures are retried: exponential backoff from {@code baseDelay}, capped at
 * {@code maxDelay}, with full jitter (the delay is drawn uniformly from zero to the exponential
 * value), and a provider's Retry-After honoured when it asks for longer. After
 * {@code maxAttempts} attempts the delivery is DEAD.
 *
 * <pre>{@code
 * RetryPolicy sms = RetryPolicy.builder().maxAttempts(4).baseDelay(Duration.ofSeconds(5)).build();
 * }</pre>
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final boolean jitter;
  private final DoubleSupplier random;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.jitter = b.jitter;
    this.random = b.random;
  }

  /**
   * The default policy.
   *
   * @return 8 attempts, base 1 s, cap 15 min, full jitter
   */
  public static RetryPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the most attempts a delivery gets, the first included} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** {@return the delay before the second attempt, before jitter} */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** {@return the cap on any delay, before Retry-After} */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * The delay before the next attempt after attempt {@code failedAttempt} failed.
   *
   * @param failedAttempt the number of the attempt that just failed, from 1
   * @param retryAfter what the provider asked for, if anything; it wins when it is longer
   * @return the delay
   */
  public Duration delayAfter(int failedAttempt, Optional<Duration> retryAfter) {
    if (failedAttempt < 1) {
      throw new IllegalArgumentException("failedAttempt must be at least 1: " + failedAttempt);
    }
    long base = baseDelay.toMillis();
    long cap = maxDelay.toMillis();
    int shift = Math.min(failedAttempt - 1, 40);
    long exp = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    long delay = jitter ? (long) (random.getAsDouble() * exp) : exp;
    Duration d = Duration.ofMillis(delay);
    if (retryAfter.isPresent() && retryAfter.get().compareTo(d) > 0) {
      return retryAfter.get();
    }
    return d;
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay="
        + maxDelay + ", jitter=" + jitter + "]";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 8;
    private Duration baseDelay = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofMinutes(15);
    private boolean jitter = true;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {
    }

    /**
     * Sets the most attempts, the first included.
     *
     * @param maxAttempts at least 1 (no retries); default 8
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the delay before the second attempt.
     *
     * @param baseDelay positive; default 1 s
     * @return this builder
     */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = positive(baseDelay, "baseDelay");
      return this;
    }

    /**
     * Sets the cap on any delay.
     *
     * @param maxDelay positive; default 15 min
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = positive(maxDelay, "maxDelay");
      return this;
    }

    /**
     * Turns jitter on or off.
     *
     * @param jitter full jitter on (the default) or off (pure exponential delays)
     * @return this builder
     */
    public Builder jitter(boolean jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets the jitter's source of randomness.
     *
     * @param random the jitter's randomness, values in [0, 1); default {@link ThreadLocalRandom}.
     *     Inject a fixed source to make delays predictable in tests.
     * @return this builder
     */
    public Builder random(DoubleSupplier random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /**
     * {@return the policy}
     *
     * @throws IllegalStateException if {@code baseDelay} exceeds {@code maxDelay}
     */
    public RetryPolicy build() {
      if (baseDelay.compareTo(maxDelay) > 0) {
        throw new IllegalStateException("baseDelay " + baseDelay + " exceeds maxDelay " + maxDelay
            + "; raise maxDelay or lower baseDelay");
      }
      return new RetryPolicy(this);
    }

    private static Duration positive(Duration d, String name) {
      requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
