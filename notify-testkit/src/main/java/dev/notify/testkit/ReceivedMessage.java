package dev.notify.testkit;

/**
 * One request a {@link ProviderPeer} answered, as the peer records it: what every peer's record
 * has in common, so that {@link ChannelCompatibilityKit} can count what each peer accepted. A
 * peer's own record type (APNs' {@code ReceivedPush}, the web-hook server's {@code Received})
 * adds the protocol's fields.
 */
public interface ReceivedMessage {

  /** {@return the address value the request was for (device token, phone number, endpoint)} */
  String address();

  /** {@return true if the peer accepted it, false if it answered with an error} */
  boolean accepted();
}
