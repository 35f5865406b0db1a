package dev.notify.status;

import java.util.Collection;

/**
 * Where a notification as a whole stands, summarised from its deliveries (for a group
 * broadcast, from its members): still under way, or how it ended.
 */
public enum NotificationState {
  /** At least one delivery (or member) is not finished yet. */
  PENDING,
  /** Every delivery was sent. */
  SENT,
  /** Finished; some deliveries were sent and some were not. */
  PARTIALLY_SENT,
  /** Finished and nothing was sent; at least one delivery failed or is a dead letter. */
  FAILED,
  /** Finished and nothing was sent; a policy (opt-out, rate limit) held at least one back. */
  SUPPRESSED,
  /** Finished and nothing was sent; at least one delivery expired before it could go. */
  EXPIRED,
  /** Finished and nothing was sent: every delivery was cancelled. */
  CANCELLED;

  /**
   * Summarises delivery states. Unfinished wins; then all SENT, some SENT; when nothing was sent,
   * FAILED (or DEAD) before SUPPRESSED before EXPIRED before CANCELLED.
   *
   * @param states the states of a notification's deliveries
   * @return the summary; FAILED for no deliveries at all (nothing could be sent)
   */
  public static NotificationState of(Collection<DeliveryState> states) {
    boolean sent = false;
    boolean notSent = false;
    boolean failed = false;
    boolean suppressed = false;
    boolean expired = false;
    for (DeliveryState s : states) {
      if (!s.isTerminal()) {
        return PENDING;
      }
      switch (s) {
        case SENT -> sent = true;
        case FAILED, DEAD -> failed = true;
        case SUPPRESSED -> suppressed = true;
        case EXPIRED -> expired = true;
        default -> {
        }
      }
      notSent |= s != DeliveryState.SENT;
    }
    if (sent) {
      return notSent ? PARTIALLY_SENT : SENT;
    }
    if (failed || states.isEmpty()) {
      return FAILED;
    }
    if (suppressed) {
      return SUPPRESSED;
    }
    return expired ? EXPIRED : CANCELLED;
  }

  /** {@return true unless PENDING} */
  public boolean isFinal() {
    return this != PENDING;
  }
}
