package dev.notify.status;

/**
 * Where one delivery (one channel × one address) stands. A delivery moves
 * SCHEDULED/QUEUED → SENDING → SENT, or through RETRY_SCHEDULED back to QUEUED, or ends FAILED,
 * DEAD, SUPPRESSED, EXPIRED or CANCELLED.
 */
public enum DeliveryState {
  /** Waiting for its {@code sendAt}. */
  SCHEDULED(false),
  /** Accepted and waiting for its channel. */
  QUEUED(false),
  /** Handed to the channel; the answer is pending. */
  SENDING(false),
  /** Waiting for its next attempt after a retryable failure. */
  RETRY_SCHEDULED(false),
  /** The provider accepted it. */
  SENT(true),
  /** It can never succeed: permanent rejection, invalid address, opted out, or a dispatch error. */
  FAILED(true),
  /** It failed retryably on every allowed attempt; it is a dead letter and can be replayed. */
  DEAD(true),
  /** A policy held it back (opt-out, rate limit); the reason is in the status. */
  SUPPRESSED(true),
  /** Its {@code expiresAt} passed before it could be sent. */
  EXPIRED(true),
  /** The caller cancelled it. */
  CANCELLED(true);

  private final boolean terminal;

  DeliveryState(boolean terminal) {
    this.terminal = terminal;
  }

  /** {@return true if the delivery will not change state again (short of a replay)} */
  public boolean isTerminal() {
    return terminal;
  }
}
