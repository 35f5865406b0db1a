package dev.notify.status;

import dev.notify.NotificationClient;
import dev.notify.Priority;
import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of the client's counters, from {@link NotificationClient#stats()}.
 *
 * @param intakeDepth deliveries waiting for a dispatcher, by priority
 * @param inMemory deliveries held in memory (counts against the capacity)
 * @param capacity the most deliveries held in memory
 * @param lanes per channel name
 * @param latency end-to-end latency from acceptance to SENT
 */
public record ClientStats(Map<Priority, Integer> intakeDepth, int inMemory, int capacity,
    Map<String, LaneStats> lanes, LatencyStats latency) {

  /**
   * Copies the maps.
   *
   * @param intakeDepth deliveries waiting for a dispatcher, by priority
   * @param inMemory deliveries held in memory (counts against the capacity)
   * @param capacity the most deliveries held in memory
   * @param lanes per channel name
   * @param latency end-to-end latency from acceptance to SENT
   */
  public ClientStats {
    intakeDepth = Map.copyOf(intakeDepth);
    lanes = Map.copyOf(lanes);
  }

  /**
   * One channel's lane.
   *
   * @param queued deliveries waiting in the lane, by priority
   * @param inFlight deliveries handed to the channel and not yet answered
   * @param circuit the circuit breaker's state
   * @param attempts attempts so far, by outcome
   * @param finished deliveries that reached a terminal state, by state
   * @param parked deliveries handed back to the log, after they were taken into memory, because
   *     the lane could not take them (its circuit opened meanwhile): each is a round trip through
   *     the log; a steadily growing count means the lane pauses under load
   */
  public record LaneStats(Map<Priority, Integer> queued, int inFlight, CircuitState circuit,
      Map<Outcome, Long> attempts, Map<DeliveryState, Long> finished, long parked) {
    /**
     * Copies the maps.
     *
     * @param queued deliveries waiting in the lane, by priority
     * @param inFlight deliveries handed to the channel and not yet answered
     * @param circuit the circuit breaker's state
     * @param attempts attempts so far, by outcome
     * @param finished deliveries that reached a terminal state, by state
     * @param parked deliveries handed back to the log because the lane could not take them
     */
    public LaneStats {
      queued = Map.copyOf(queued);
      attempts = Map.copyOf(attempts);
      finished = Map.copyOf(finished);
    }
  }

  /**
   * Latency percentiles of notifications from acceptance to SENT (scheduled time excluded).
   *
   * @param count how many were measured
   * @param p50 median
   * @param p90 90th percentile
   * @param p99 99th percentile
   * @param max the largest
   */
  public record LatencyStats(long count, Duration p50, Duration p90, Duration p99, Duration max) {
  }
}
