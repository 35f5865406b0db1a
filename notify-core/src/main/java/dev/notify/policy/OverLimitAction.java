package dev.notify.policy;

/** What happens to a delivery over its recipient's rate limit. */
public enum OverLimitAction {
  /** It is not sent: it ends SUPPRESSED with reason {@code rate-limited}. */
  DROP,
  /** It waits: it is rescheduled at the instant the limit next allows it, and checked again. */
  DEFER
}
