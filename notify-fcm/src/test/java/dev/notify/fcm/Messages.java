package dev.notify.fcm;

import dev.notify.Content;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.fcm.testing.FcmPeerConnection;
import dev.notify.spi.Delivery;
import dev.notify.spi.OutboundMessage;
import dev.notify.testkit.fcm.FcmPeer;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Channels on the peer and deliveries for tests that call the channel directly. */
final class Messages {
  static final String PROJECT = "notify-test";

  private Messages() {
  }

  static FcmChannel.Builder channel(FcmPeer peer) {
    return FcmPeerConnection.channel(peer.baseUri(), PROJECT);
  }

  /** On firebase-admin's production HTTP/2 transport, through the front to its peer. */
  static FcmChannel.Builder channel(Http2Front front) throws Exception {
    return FcmChannel.builder().credentials(FcmPeerConnection.credentials()).projectId(PROJECT)
        .httpTransport(front.transport());
  }

  static OutboundMessage message(String token, Content content, @Nullable FcmOptions options,
      Priority priority, @Nullable Instant expiresAt) {
    return new OutboundMessage("n-1", Recipient.fcmToken(token), content, priority, null,
        expiresAt, options == null ? Map.of() : Map.of(FcmOptions.class, options), Map.of());
  }

  static OutboundMessage message(String token, String title, String body) {
    return message(token, new Content(title, body, Map.of(), null, null, null), null,
        Priority.NORMAL, null);
  }

  static Delivery delivery(String id, OutboundMessage message) {
    return new Delivery(id, 1, message);
  }

  static Delivery delivery(String id, String token) {
    return delivery(id, message(token, "Hello", "Hi there"));
  }
}
