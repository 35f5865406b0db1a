package dev.notify.spi.log;

import static java.util.Objects.requireNonNull;

import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A fenced state change of one delivery. Terminal states and {@code release} drop the claim. The
 * log stamps the change with its own clock ({@code updatedAt}), and a relative due time
 * ({@code dueIn}) counts from that clock too, so instances whose clocks disagree still agree on
 * when work is due.
 *
 * <p>Updates are values: a log recognises a retried transition (same fence, equal update) after
 * an ambiguous commit by comparing them with {@link #equals}.
 *
 * @param state the new state
 * @param attempt an attempt to add to the history, or {@code null}
 * @param countsAttempt whether that attempt counts against the retry policy
 * @param dueAt the new due time as an instant (a schedule, quiet hours), or {@code null}
 * @param dueIn the new due time relative to the log's clock (a retry delay, zero for now), or
 *     {@code null}; at most one of {@code dueAt} and {@code dueIn} is set, and with neither the
 *     due time is kept
 * @param release whether to drop the claim (the delivery goes back to the log for a later claim)
 * @param reason the reason for the new state, or {@code null}
 * @param providerMessageId the provider's id, or {@code null} to keep it
 */
public record DeliveryUpdate(DeliveryState state, @Nullable Attempt attempt, boolean countsAttempt,
    @Nullable Instant dueAt, @Nullable Duration dueIn, boolean release, @Nullable String reason,
    @Nullable String providerMessageId) {

  /**
   * Rejects a null state, both due times at once and a negative delay.
   *
   * @param state the new state
   * @param attempt an attempt to add to the history, or {@code null}
   * @param countsAttempt whether that attempt counts against the retry policy
   * @param dueAt the new due time as an instant, or {@code null}
   * @param dueIn the new due time relative to the log's clock, or {@code null}
   * @param release whether to drop the claim
   * @param reason the reason for the new state, or {@code null}
   * @param providerMessageId the provider's id, or {@code null} to keep it
   */
  public DeliveryUpdate {
    requireNonNull(state, "state");
    if (dueAt != null && dueIn != null) {
      throw new IllegalArgumentException("dueAt and dueIn are exclusive: " + dueAt + ", " + dueIn);
    }
    if (dueIn != null && dueIn.isNegative()) {
      throw new IllegalArgumentException("dueIn must not be negative: " + dueIn);
    }
  }

  /**
   * {@return the new due time, if the update sets one}
   *
   * @param now the log's current time, which a relative due time counts from
   */
  public Optional<Instant> dueAt(Instant now) {
    if (dueAt != null) {
      return Optional.of(dueAt);
    }
    return dueIn == null ? Optional.empty() : Optional.of(now.plus(dueIn));
  }

  /**
   * The delivery is handed to the channel.
   *
   * @return handed to the channel
   */
  public static DeliveryUpdate sending() {
    return new DeliveryUpdate(DeliveryState.SENDING, null, false, null, null, false, null, null);
  }

  /**
   * The provider accepted the delivery.
   *
   * @param attempt the attempt that was accepted
   * @return accepted by the provider
   */
  public static DeliveryUpdate sent(Attempt attempt) {
    return new DeliveryUpdate(DeliveryState.SENT, attempt, true, null, null, true, null,
        attempt.providerMessageId());
  }

  /**
   * An attempt failed and will be retried.
   *
   * @param attempt the failed attempt
   * @param delay how long after now (by the log's clock) the next attempt is due
   * @return a retryable failure; released until then
   */
  public static DeliveryUpdate retryScheduled(Attempt attempt, Duration delay) {
    requireNonNull(delay, "delay");
    return new DeliveryUpdate(DeliveryState.RETRY_SCHEDULED, attempt, true, null, delay, true,
        attempt.error(), null);
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
    return new DeliveryUpdate(state, attempt, true, null, null, true, reason, null);
  }

  /**
   * The channel could not take the attempt.
   *
   * @param attempt the attempt the channel could not take
   * @return the channel was unavailable: the attempt is recorded but not counted and the delivery
   *     stays QUEUED and claimed
   */
  public static DeliveryUpdate channelUnavailable(Attempt attempt) {
    return new DeliveryUpdate(DeliveryState.QUEUED, attempt, false, null, null, false,
        attempt.error(), null);
  }

  /**
   * The delivery goes back to the log, due at once (no room in memory or in its lane, shutdown).
   *
   * @return released to the log, QUEUED and due now by the log's clock
   */
  public static DeliveryUpdate released() {
    return released(Duration.ZERO, null);
  }

  /**
   * The delivery goes back to the log for a while: a step before sending failed (the recipient
   * directory or the template store threw) and is tried again later.
   *
   * @param delay how long after now (by the log's clock) it is due again
   * @param reason why it went back, or {@code null}
   * @return released to the log, QUEUED and due after {@code delay}
   */
  public static DeliveryUpdate released(Duration delay, @Nullable String reason) {
    requireNonNull(delay, "delay");
    return new DeliveryUpdate(DeliveryState.QUEUED, null, false, null, delay, true, reason, null);
  }

  /**
   * A claim given straight back, unchanged: the claimer had no room for it after all.
   *
   * @param state the state it was claimed in (QUEUED, or SENDING for one taken over mid-send)
   * @return released in its state, due as it was
   */
  public static DeliveryUpdate handedBack(DeliveryState state) {
    return new DeliveryUpdate(state, null, false, null, null, true, null, null);
  }

  /**
   * A policy holds the delivery back.
   *
   * @param until when the policy lets it go
   * @param reason the policy that held it back
   * @return held back by a policy until {@code until} (quiet hours, a rate limit): SCHEDULED and
   *     released, to be claimed again when due
   */
  public static DeliveryUpdate deferred(Instant until, String reason) {
    requireNonNull(until, "until");
    return new DeliveryUpdate(DeliveryState.SCHEDULED, null, false, until, null, true, reason,
        null);
  }

  /**
   * The delivery ends without an attempt.
   *
   * @param state EXPIRED, CANCELLED, SUPPRESSED or FAILED
   * @param reason why the delivery ended
   * @return ended without an attempt: EXPIRED, CANCELLED, SUPPRESSED or FAILED
   */
  public static DeliveryUpdate ended(DeliveryState state, String reason) {
    if (!state.isTerminal()) {
      throw new IllegalArgumentException("not a terminal state: " + state);
    }
    return new DeliveryUpdate(state, null, false, null, null, true, reason, null);
  }

  /**
   * The delivery ends with an attempt that decided it (expired before its next attempt).
   *
   * @param state the terminal state
   * @param attempt the attempt to record (counted)
   * @param reason why the delivery ended
   * @return ended after {@code attempt}
   */
  public static DeliveryUpdate endedAfter(DeliveryState state, Attempt attempt, String reason) {
    if (!state.isTerminal()) {
      throw new IllegalArgumentException("not a terminal state: " + state);
    }
    return new DeliveryUpdate(state, attempt, true, null, null, true, reason, null);
  }
}
