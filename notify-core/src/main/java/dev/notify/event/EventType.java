package dev.notify.event;

/** The kinds of {@link NotificationEvent}. */
public enum EventType {
  /** {@code send} stored the notification. */
  ACCEPTED,
  /** A delivery waits for its {@code sendAt}. */
  SCHEDULED,
  /** A delivery was queued for its channel. */
  QUEUED,
  /** The provider accepted a delivery. */
  SENT,
  /** A retryable failure; the next attempt is scheduled. */
  RETRY_SCHEDULED,
  /** A delivery failed permanently. */
  FAILED,
  /** A delivery failed retryably on its last allowed attempt: it is a dead letter. */
  DEAD,
  /** A policy held a delivery back; the reason says which. */
  SUPPRESSED,
  /** A delivery's {@code expiresAt} passed before it could be sent. */
  EXPIRED,
  /** A delivery was cancelled. */
  CANCELLED,
  /** The provider reported the address invalid or unregistered (also FAILED). */
  ADDRESS_INVALID,
  /** The provider reported the recipient opted out (also FAILED). */
  OPTED_OUT,
  /** A provider receipt arrived for a sent delivery. */
  RECEIPT,
  /** A channel reported itself unavailable and its lane paused. */
  LANE_PAUSED,
  /** A paused lane's probe succeeded (or it was resumed by hand) and it sends again. */
  LANE_RESUMED
}
