package dev.notify.status;

/** The result of one attempt, as the channel classified the provider's answer. */
public enum Outcome {
  /** The provider accepted the message. */
  SENT,
  /** A transient failure; the delivery is retried. */
  RETRYABLE,
  /** The message can never be delivered as it is. */
  PERMANENT,
  /** The address is invalid or unregistered (e.g. APNs Unregistered, FCM UNREGISTERED). */
  ADDRESS_INVALID,
  /** The recipient opted out at the provider (e.g. an SMS STOP reply). */
  OPTED_OUT,
  /** The whole channel is down, throttled or misconfigured; the attempt does not count. */
  CHANNEL_UNAVAILABLE,
  /**
   * Nobody knows whether the provider took it (no answer within the attempt deadline, or the
   * channel said so): retried like a transient failure.
   */
  UNKNOWN,
  /** The channel threw or returned a failed future: treated as retryable. */
  ERROR
}
