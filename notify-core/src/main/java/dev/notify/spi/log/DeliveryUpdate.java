package dev.notify.spi.log;

import static java.util.Objects.requireNonNull;

import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A fenced state change of one delivery. Terminal states and {@code release} drop the claim.
 *
 * @param state the new state
 * @param attempt an attempt to add to the history, or {@code null}
 * @param countsAttempt whether that attempt counts against the retry policy
 * @param dueAt the new due time, or {@code null} to keep it
 * @param release whether to drop the claim (the delivery goes back to the log for a later claim)
 * @param reason the reason for the new state, or {@code null}
 * @param providerMessageId the provider's id, or {@code null} to keep it
 * @param at when the change happened
 */
public record DeliveryUpdate(DeliveryState state, @Nullable Attempt attempt, boolean countsAttempt,
    @Nullable Instant dueAt, boolean release, @Nullable String reason,
    @Nullable String providerMessageId, Instant at) {

  /**
   * Rejects a null state or time.
   *
   * @param state the new state
   * @param attempt an attempt to add to the history, or {@code null}
   * @param countsAttempt whether that attempt counts against the retry policy
   * @param dueAt the new due time, or {@code null} to keep it
   * @param release whether to drop the claim (the delivery goes back to the log for a later claim)
   * @param reason the reason for the new state, or {@code null}
   * @param providerMessageId the provider's id, or {@code null} to keep it
   * @param at when the change happened
   */
  public DeliveryUpdate {
    requireNonNull(state, "state");
    requireNonNull(at, "at");
  }

  /**
   * The delivery is handed to the channel.
   *
   * @param at when the delivery was handed to the channel
   * @return handed to the channel
   */
  public static DeliveryUpdate sending(Instant at) {
    return new DeliveryUpdate(DeliveryState.SENDING, null, false, null, false, null, null, at);
  }

  /**
   * The provider accepted the delivery.
   *
   * @param attempt the attempt that was accepted
   * @return accepted by the provider
   */
  public static DeliveryUpdate sent(Attempt attempt) {
    return new DeliveryUpdate(DeliveryState.SENT, attempt, true, null, true, null,
        attempt.providerMessageId(), attempt.at());
  }

  /**
   * An attempt failed and will be retried.
   *
   * @param attempt the failed attempt
   * @param dueAt when the next attempt is due
   * @return a retryable failure; released until {@code dueAt}
   */
  public static DeliveryUpdate retryScheduled(Attempt attempt, Instant dueAt) {
    requireNonNull(dueAt, "dueAt");
    return new DeliveryUpdate(DeliveryState.RETRY_SCHEDULED, attempt, true, dueAt, true,
        attempt.error(), null, attempt.at());
  }

  /**
   * An attempt failed for good.
   *
   * @param state FAILED or DEAD
   * @param attempt the last attempt
   * @param reason why the delivery ended
   * @return a terminal failure after an attempt (FAILED or DEAD)
   */
  public static DeliveryUpdate failed(DeliveryState state, Attempt attempt, String reason) {
    return new DeliveryUpdate(state, attempt, true, null, true, reason, null, attempt.at());
  }

  /**
   * The channel could not take the attempt.
   *
   * @param attempt the attempt the channel could not take
   * @return the channel was unavailable: the attempt is recorded but not counted and the delivery
   *     stays QUEUED and claimed
   */
  public static DeliveryUpdate channelUnavailable(Attempt attempt) {
    return new DeliveryUpdate(DeliveryState.QUEUED, attempt, false, null, false, attempt.error(),
        null, attempt.at());
  }

  /**
   * The delivery goes back to the log.
   *
   * @param dueAt when it may be claimed again
   * @param at when the change happened
   * @return released to the log, QUEUED and due at {@code dueAt} (no room in memory or lane)
   */
  public static DeliveryUpdate released(Instant dueAt, Instant at) {
    requireNonNull(dueAt, "dueAt");
    return new DeliveryUpdate(DeliveryState.QUEUED, null, false, dueAt, true, null, null, at);
  }

  /**
   * A policy holds the delivery back.
   *
   * @param until when the policy lets it go
   * @param reason the policy that held it back
   * @param at when the change happened
   * @return held back by a policy until {@code until} (quiet hours, a rate limit): SCHEDULED and
   *     released, to be claimed again when due
   */
  public static DeliveryUpdate deferred(Instant until, String reason, Instant at) {
    requireNonNull(until, "until");
    return new DeliveryUpdate(DeliveryState.SCHEDULED, null, false, until, true, reason, null, at);
  }

  /**
   * The delivery ends without an attempt.
   *
   * @param state EXPIRED, CANCELLED, SUPPRESSED or FAILED
   * @param reason why the delivery ended
   * @param at when the change happened
   * @return ended without an attempt: EXPIRED, CANCELLED, SUPPRESSED or FAILED
   */
  public static DeliveryUpdate ended(DeliveryState state, String reason, Instant at) {
    if (!state.isTerminal()) {
      throw new IllegalArgumentException("not a terminal state: " + state);
    }
    return new DeliveryUpdate(state, null, false, null, true, reason, null, at);
  }
}
