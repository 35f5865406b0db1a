package dev.notify.status;

/** The state of a channel lane's circuit breaker. */
public enum CircuitState {
  /** Sending normally. */
  CLOSED,
  /** Paused after the channel reported itself unavailable; a probe is scheduled. */
  OPEN,
  /** One probe delivery is in flight; its outcome closes or re-opens the circuit. */
  HALF_OPEN
}
