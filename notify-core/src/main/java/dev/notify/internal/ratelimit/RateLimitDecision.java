package dev.notify.internal.ratelimit;

import static java.util.Objects.requireNonNull;

import dev.notify.policy.OverLimitAction;
import java.time.Instant;

/** Whether a delivery is within its recipient's rate limit. */
public sealed interface RateLimitDecision {

  /** Within the limit (a permit was taken), or not limited. */
  RateLimitDecision ALLOWED = new Allowed();

  /** The status reason of a dropped delivery. */
  String REASON = "rate-limited";

  /** Within the limit, or not limited; send it. */
  record Allowed() implements RateLimitDecision {
  }

  /**
   * Over the limit; nothing was taken.
   *
   * @param retryAt the instant the limit next allows a delivery: with {@link OverLimitAction#DEFER}
   *     the engine reschedules it then (and checks again); with {@link OverLimitAction#DROP} it
   *     ends SUPPRESSED with reason {@link #REASON}
   * @param action what the rule says to do
   */
  record Denied(Instant retryAt, OverLimitAction action) implements RateLimitDecision {
    /**
     * Rejects nulls.
     *
     * @param retryAt the instant the limit next allows a delivery: with
     *     {@link OverLimitAction#DEFER} the engine reschedules it then (and checks again); with
     *     {@link OverLimitAction#DROP} it ends SUPPRESSED with reason {@link #REASON}
     * @param action what the rule says to do
     */
    public Denied {
      requireNonNull(retryAt, "retryAt");
      requireNonNull(action, "action");
    }
  }
}
