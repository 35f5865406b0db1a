package dev.notify.policy;

/**
 * The size of one channel's lane: its own threads, its queue, and how many sends may be
 * outstanding at the provider at once (the bulkhead).
 *
 * @param threads the lane's executor threads; blocking channels run their provider calls here
 * @param queueCapacity deliveries held in memory for the lane and not yet started; beyond it,
 *     work stays in the log until the lane has room (or, under {@link Backpressure#block}, the
 *     sender waits for room)
 * @param maxInFlight sends handed to the channel and not yet answered
 */
public record LaneOptions(int threads, int queueCapacity, int maxInFlight) {

  /**
   * Rejects values below 1.
   *
   * @param threads the lane's executor threads; blocking channels run their provider calls here
   * @param queueCapacity deliveries held in memory for the lane and not yet started; beyond it,
   *     work stays in the log until the lane has room (or, under {@link Backpressure#block}, the
   *     sender waits for room)
   * @param maxInFlight sends handed to the channel and not yet answered
   */
  public LaneOptions {
    positive(threads, "threads");
    positive(queueCapacity, "queueCapacity");
    positive(maxInFlight, "maxInFlight");
  }

  /**
   * The default lane size.
   *
   * @return 2 threads, a queue of 1,000 and 128 in flight
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
    return new LaneOptions(n, queueCapacity, maxInFlight);
  }

  /**
   * {@return a copy with another queue capacity}
   *
   * @param n the deliveries held in memory for the lane; at least 1
   */
  public LaneOptions withQueueCapacity(int n) {
    return new LaneOptions(threads, n, maxInFlight);
  }

  /**
   * {@return a copy with another in-flight limit}
   *
   * @param n the sends handed to the channel and not yet answered; at least 1
   */
  public LaneOptions withMaxInFlight(int n) {
    return new LaneOptions(threads, queueCapacity, n);
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
