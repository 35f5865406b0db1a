package dev.notify.testkit.apns;

import dev.notify.testkit.ReceivedMessage;

/**
 * One push as {@link MockApnsPeer} received it, for server-side assertions.
 *
 * @param token the device token from the request path
 * @param topic the {@code apns-topic}, or {@code null}
 * @param pushType the {@code apns-push-type}, or {@code null}
 * @param priority the {@code apns-priority}, or {@code null}
 * @param apnsId the {@code apns-id} the client sent, or {@code null}
 * @param collapseId the {@code apns-collapse-id}, or {@code null}
 * @param expiration the {@code apns-expiration} in epoch seconds, or {@code null}
 * @param payload the JSON payload
 * @param bearerToken true if the request carried a provider token ({@code authorization: bearer})
 * @param outcome {@code "accepted"} or the rejection reason, e.g. {@code "BadDeviceToken"}
 */
public record ReceivedPush(String token, String topic, String pushType, Integer priority,
    String apnsId, String collapseId, Long expiration, String payload, boolean bearerToken,
    String outcome) implements ReceivedMessage {

  /** The outcome of an accepted push. */
  public static final String ACCEPTED = "accepted";

  /** {@return the device token: the address the push was for} */
  @Override
  public String address() {
    return token;
  }

  /** {@return true if the peer accepted it} */
  @Override
  public boolean accepted() {
    return ACCEPTED.equals(outcome);
  }

  /** Shows the token masked and the payload's size only. */
  @Override
  public String toString() {
    String masked = token == null || token.length() <= 6 ? "…"
        : token.substring(0, 2) + "…" + token.substring(token.length() - 2);
    return "ReceivedPush[token=" + masked + ", topic=" + topic + ", pushType=" + pushType
        + ", priority=" + priority + ", apnsId=" + apnsId + ", collapseId=" + collapseId
        + ", expiration=" + expiration + ", payload=" + (payload == null ? 0 : payload.length())
        + " chars, outcome=" + outcome + "]";
  }
}
