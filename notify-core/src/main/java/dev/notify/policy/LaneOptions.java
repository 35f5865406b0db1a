package dev.notify.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The size of one channel's lane: its own threads, its queue, and how many sends may be
 * outstanding at the provider at once (the bulkhead).
 *
 * @param threads the lane's executor threads; blocking channels run their provider calls here
 * @param queueCapacity deliveries held in memory for the lane and not yet started; beyond it,
 *     work stays in the log until the lane has room (or, under {@link Backpressure#block}, the
 *     sender waits for room)
 * @param maxInFlight sends handed to the channel and not yet answered
 * @param attemptTimeout how long the engine waits for the channel's answer to one attempt; past
 *     it the attempt's outcome is unknown (the provider may have received it), the in-flight
 *     slot is freed and the delivery is retried (at-least-once). Keep it longer than the
 *     channel's own request timeout, so that the channel's classified answer normally wins.
 */
public record LaneOptions(int threads, int queueCapacity, int maxInFlight,
    Duration attemptTimeout) {

  /** The default attempt deadline: 2 minutes, longer than any channel's own request timeout. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(2);

  /**
   * Rejects values below 1.
   *
   * @param threads the lane's executor threads; blocking channels run their provider calls here
   * @param queueCapacity deliveries held in memory for the lane and not yet started; beyond it,
   *     work stays in the log until the lane has room (or, under {@link Backpressure#block}, the
   *     sender waits for room)
   * @param maxInFlight sends handed to the channel and not yet answered
   * @param attemptTimeout how long the engine waits for the channel's answer to one attempt
   */
  public LaneOptions {
    positive(threads, "threads");
    positive(queueCapacity, "queueCapacity");
    positive(maxInFlight, "maxInFlight");
    requireNonNull(attemptTimeout, "attemptTimeout");
    if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
      throw new IllegalArgumentException("attemptTimeout must be positive: " + attemptTimeout);
    }
  }

  /**
   * A lane with the default attempt deadline.
   *
   * @param threads the lane's executor threads
   * @param queueCapacity deliveries held in memory for the lane and not yet started
   * @param maxInFlight sends handed to the channel and not yet answered
   */
  public LaneOptions(int threads, int queueCapacity, int maxInFlight) {
    this(threads, queueCapacity, maxInFlight, DEFAULT_ATTEMPT_TIMEOUT);
  }

  /**
   * The default lane size.
   *
   * @return 2 threads, a queue of 1,000, 128 in flight and a 2-minute attempt deadline
   */
  public static LaneOptions ofDefaults() {
    return new LaneOptions(2, 1_000, 128);
  }

  /**
   * {@return a copy with another thread count}
   *
   * @param n the lane's executor threads; at least 1
   */
  public LaneOptions withThreads(int n) {
    return new LaneOptions(n, queueCapacity, maxInFlight, attemptTimeout);
  }

  /**
   * {@return a copy with another queue capacity}
   *
   * @param n the deliveries held in memory for the lane; at least 1
   */
  public LaneOptions withQueueCapacity(int n) {
    return new LaneOptions(threads, n, maxInFlight, attemptTimeout);
  }

  /**
   * {@return a copy with another in-flight limit}
   *
   * @param n the sends handed to the channel and not yet answered; at least 1
   */
  public LaneOptions withMaxInFlight(int n) {
    return new LaneOptions(threads, queueCapacity, n, attemptTimeout);
  }

  /**
   * {@return a copy with another attempt deadline}
   *
   * @param timeout how long the engine waits for one attempt's answer; positive
   */
  public LaneOptions withAttemptTimeout(Duration timeout) {
    return new LaneOptions(threads, queueCapacity, maxInFlight, timeout);
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
