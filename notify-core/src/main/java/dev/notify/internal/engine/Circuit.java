package dev.notify.internal.engine;

import dev.notify.spi.DeliveryResult;
import dev.notify.spi.Scheduler;
import dev.notify.status.CircuitState;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A lane's circuit breaker: closed, open (nothing starts; a probe is scheduled with backoff), or
 * half open (one delivery goes as the probe; its answer closes or re-opens the circuit). Holds the
 * state only; the lane calls it under its own lock and does the waking and telling.
 */
final class Circuit {
  static final Duration PROBE_BASE = Duration.ofSeconds(1);
  static final Duration PROBE_MAX = Duration.ofMinutes(5);

  private final Scheduler scheduler;
  private CircuitState state = CircuitState.CLOSED;
  private int openings;
  private @Nullable WorkItem probe;
  private Scheduler.@Nullable Scheduled probeTimer;

  Circuit(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  CircuitState state() {
    return state;
  }

  /** @return true if a delivery may start now, given the lane's sends in flight and its cap */
  boolean mayStart(int inFlight, int maxInFlight) {
    switch (state) {
      case OPEN:
        return false;
      case HALF_OPEN:
        return probe == null && inFlight < maxInFlight;
      default:
        return inFlight < maxInFlight;
    }
  }

  /** @return true if, half open, nothing is queued, reserved or out as the probe yet */
  boolean probeSlotFree(boolean queueEmpty, int reserved) {
    return queueEmpty && probe == null && reserved == 0;
  }

  /** A delivery started: half open, it is the probe. */
  void started(WorkItem item) {
    if (state == CircuitState.HALF_OPEN) {
      probe = item;
    }
  }

  /** @return true if the item was the probe (which is now over) */
  boolean ended(WorkItem item) {
    if (probe != item) {
      return false;
    }
    probe = null;
    return true;
  }

  /**
   * Opens the circuit, or re-opens it after a failed probe, and schedules {@code halfOpen}.
   *
   * @return the delay until the probe, or null if the circuit was already open
   */
  @Nullable Duration open(DeliveryResult.ChannelUnavailable cause, Runnable halfOpen) {
    if (state == CircuitState.OPEN) {
      return null;
    }
    state = CircuitState.OPEN;
    openings++;
    Duration delay = probeDelay(cause, openings);
    cancelTimer();
    probeTimer = scheduler.schedule(halfOpen, delay);
    return delay;
  }

  /** @return true if the circuit went from open to half open */
  boolean halfOpen() {
    if (state != CircuitState.OPEN) {
      return false;
    }
    state = CircuitState.HALF_OPEN;
    probeTimer = null;
    return true;
  }

  /** @return true if the circuit was not closed and is now */
  boolean close() {
    if (state == CircuitState.CLOSED) {
      return false;
    }
    state = CircuitState.CLOSED;
    openings = 0;
    cancelTimer();
    return true;
  }

  void cancelTimer() {
    if (probeTimer != null) {
      probeTimer.cancel();
      probeTimer = null;
    }
  }

  /**
   * The provider's Retry-After if it gave one; the longest wait for a configuration error (a key
   * or certificate will not fix itself soon); else doubling from {@link #PROBE_BASE}; at most
   * {@link #PROBE_MAX}.
   */
  static Duration probeDelay(DeliveryResult.ChannelUnavailable cause, int openings) {
    if (cause.retryAfter() != null && !cause.retryAfter().isNegative()) {
      return cause.retryAfter().compareTo(PROBE_MAX) > 0 ? PROBE_MAX : cause.retryAfter();
    }
    if (cause.configurationError()) {
      return PROBE_MAX;
    }
    int shift = Math.min(openings - 1, 20);
    Duration d = PROBE_BASE.multipliedBy(1L << shift);
    return d.compareTo(PROBE_MAX) > 0 ? PROBE_MAX : d;
  }
}
