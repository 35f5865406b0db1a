package dev.notify;

/**
 * How urgently a notification should leave. Work waiting to be dispatched is taken HIGH, NORMAL and
 * LOW in the ratio 8:4:1 when all three are waiting, so LOW is never starved. Channels may map it
 * to the provider's own priority (APNs 10 for HIGH, 5 otherwise).
 */
public enum Priority {
  /** Time-critical: one-time codes, security alerts, calls. */
  HIGH,
  /** The default. */
  NORMAL,
  /** Bulk and digest traffic that may wait behind everything else. */
  LOW
}
