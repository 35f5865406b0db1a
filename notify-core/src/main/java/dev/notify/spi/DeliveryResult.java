package dev.notify.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A channel's classification of the provider's answer to one delivery. This is the heart of a
 * channel module: each provider error maps to exactly one kind.
 */
public sealed interface DeliveryResult {

  /**
   * Accepted by the provider.
   *
   * @param providerMessageId the provider's id, or {@code null} if it has none
   */
  record Sent(@Nullable String providerMessageId) implements DeliveryResult {
  }

  /**
   * This delivery failed transiently; retry it with backoff.
   *
   * @param reason the provider's error
   * @param retryAfter what the provider asked for, or {@code null}
   */
  record Retryable(String reason, @Nullable Duration retryAfter) implements DeliveryResult {
    /**
     * Rejects a null reason.
     *
     * @param reason the provider's error
     * @param retryAfter what the provider asked for, or {@code null}
     */
    public Retryable {
      requireNonNull(reason, "reason");
    }

  }

  /**
   * Nobody knows whether the provider took it: the request went out and no answer came (a read
   * timeout, a connection that dropped mid-request, or the engine's attempt deadline). Retried
   * with backoff like a transient failure, since at-least-once prefers a rare duplicate to a
   * lost message; use the delivery id as the provider's idempotency key where it has one.
   *
   * @param reason what happened
   */
  record OutcomeUnknown(String reason) implements DeliveryResult {
    /**
     * Rejects a null reason.
     *
     * @param reason what happened
     */
    public OutcomeUnknown {
      requireNonNull(reason, "reason");
    }
  }

  /**
   * A permanent failure of this message.
   *
   * @param reason why this delivery can never succeed
   */
  record Permanent(String reason) implements DeliveryResult {
    /**
     * Rejects a null reason.
     *
     * @param reason why this delivery can never succeed
     */
    public Permanent {
      requireNonNull(reason, "reason");
    }
  }

  /**
   * The address is invalid or no longer registered; permanent. The recipient directory is told.
   *
   * @param reason the provider's error
   * @param invalidatedAt when the provider says the address stopped being valid, or {@code null}
   */
  record AddressInvalid(String reason, @Nullable Instant invalidatedAt)
      implements DeliveryResult {
    /**
     * Rejects a null reason.
     *
     * @param reason the provider's error
     * @param invalidatedAt when the provider says the address stopped being valid, or {@code null}
     */
    public AddressInvalid {
      requireNonNull(reason, "reason");
    }
  }

  /**
   * The recipient opted out at the provider.
   *
   * @param reason the provider's error; permanent, and the preference store is told
   */
  record OptedOut(String reason) implements DeliveryResult {
    /**
     * Rejects a null reason.
     *
     * @param reason the provider's error; permanent, and the preference store is told
     */
    public OptedOut {
      requireNonNull(reason, "reason");
    }
  }

  /**
   * The whole channel is down, throttled or misconfigured. The lane pauses (circuit breaker with
   * half-open probes) and this delivery stays pending; it is never failed for this.
   *
   * @param reason the provider's error
   * @param retryAfter when to probe again, or {@code null} for the lane's backoff
   * @param configurationError true for bad credentials or a disallowed topic: the lane probes at
   *     its slowest rate and can be resumed by hand
   */
  record ChannelUnavailable(String reason, @Nullable Duration retryAfter,
      boolean configurationError)
      implements DeliveryResult {
    /**
     * Rejects a null reason.
     *
     * @param reason the provider's error
     * @param retryAfter when to probe again, or {@code null} for the lane's backoff
     * @param configurationError true for bad credentials or a disallowed topic: the lane probes at
     *     its slowest rate and can be resumed by hand
     */
    public ChannelUnavailable {
      requireNonNull(reason, "reason");
    }
  }

  /**
   * The provider accepted the message.
   *
   * @param providerMessageId the provider's id, or {@code null} if it has none
   * @return accepted by the provider
   */
  static DeliveryResult sent(@Nullable String providerMessageId) {
    return new Sent(providerMessageId);
  }

  /**
   * A transient failure: the delivery is retried.
   *
   * @param reason the provider's error
   * @return a transient failure
   */
  static DeliveryResult retryable(String reason) {
    return new Retryable(reason, null);
  }

  /**
   * A transient failure with the wait the provider asked for.
   *
   * @param reason the provider's error
   * @param retryAfter what the provider asked for, or {@code null}
   * @return a transient failure with the provider's Retry-After
   */
  static DeliveryResult retryable(String reason, @Nullable Duration retryAfter) {
    return new Retryable(reason, retryAfter);
  }

  /**
   * {@return an attempt whose outcome is unknown (the provider may have received it)}
   *
   * @param reason what happened, e.g. "read timed out after the request was sent"
   */
  static DeliveryResult outcomeUnknown(String reason) {
    return new OutcomeUnknown(reason);
  }

  /**
   * A failure that no retry can fix.
   *
   * @param reason why this delivery can never succeed
   * @return a permanent failure
   */
  static DeliveryResult permanent(String reason) {
    return new Permanent(reason);
  }

  /**
   * The address is invalid or unregistered.
   *
   * @param reason the provider's error
   * @param invalidatedAt when the provider says the address stopped being valid, or {@code null}
   * @return an invalid or unregistered address
   */
  static DeliveryResult addressInvalid(String reason, @Nullable Instant invalidatedAt) {
    return new AddressInvalid(reason, invalidatedAt);
  }

  /**
   * The recipient opted out at the provider.
   *
   * @param reason the provider's error
   * @return the recipient opted out at the provider
   */
  static DeliveryResult recipientOptedOut(String reason) {
    return new OptedOut(reason);
  }

  /**
   * The channel is down or throttled.
   *
   * @param reason the provider's error
   * @param retryAfter when to probe again, or {@code null} for the lane's backoff
   * @return the channel is down or throttled
   */
  static DeliveryResult channelUnavailable(String reason, @Nullable Duration retryAfter) {
    return new ChannelUnavailable(reason, retryAfter, false);
  }

  /**
   * The channel is misconfigured.
   *
   * @param reason the provider's error, e.g. a rejected key or a disallowed topic
   * @return the channel is misconfigured (bad key, certificate, topic)
   */
  static DeliveryResult configurationError(String reason) {
    return new ChannelUnavailable(reason, null, true);
  }
}
