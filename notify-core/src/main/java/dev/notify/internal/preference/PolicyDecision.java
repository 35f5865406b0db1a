package dev.notify.internal.preference;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What preferences say about one delivery now: send it, hold it back for good, or wait. */
public sealed interface PolicyDecision {

  /** Send it. */
  PolicyDecision ALLOW = new Allow();

  /** Send it. */
  record Allow() implements PolicyDecision {
  }

  /**
   * Do not send it.
   *
   * @param reason why it is not sent; the delivery ends SUPPRESSED with {@code reason.code()}
   */
  record Suppress(SuppressReason reason) implements PolicyDecision {
    /**
     * Rejects null.
     *
     * @param reason why it is not sent; the delivery ends SUPPRESSED with {@code reason.code()}
     */
    public Suppress {
      requireNonNull(reason, "reason");
    }
  }

  /**
   * Wait, then look again.
   *
   * @param until when to look again (the end of the user's quiet hours); the engine reschedules
   *     the delivery then and evaluates it again, since preferences may have changed
   */
  record Defer(Instant until) implements PolicyDecision {
    /**
     * Rejects null.
     *
     * @param until when to look again (the end of the user's quiet hours); the engine reschedules
     *     the delivery then and evaluates it again, since preferences may have changed
     */
    public Defer {
      requireNonNull(until, "until");
    }
  }
}
