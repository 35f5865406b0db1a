package dev.notify.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Content;
import dev.notify.Priority;
import dev.notify.fcm.testing.FcmPeerConnection;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.fcm.FcmPeer;
import dev.notify.testkit.fcm.ReceivedFcmRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accepted sends through the real firebase-admin client, the JSON checked on the peer. */
class FcmSendTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final ProviderPeerExtension<FcmPeer> PEER = ProviderPeerExtension.of(FcmPeer::start);

  @Test
  void aNotificationWithEveryOptionArrivesAsFcmV1Json(FcmPeer peer) throws Exception {
    String token = FcmPeer.token(1);
    FcmOptions options = FcmOptions.builder()
        .image("https://example.com/box.png")
        .data("orderId", "8812").dataValue("count", 3)
        .collapseKey("order-8812").androidChannelId("orders").ttl(Duration.ofMinutes(5))
        .apnsHeader("apns-priority", "5").badge(2).sound("default").mutableContent(true)
        .category("ORDER").threadId("orders")
        .webHeader("Urgency", "high").webLink("https://example.com/orders/8812")
        .webIcon("https://example.com/icon.png")
        .build();
    Content content = new Content("Order shipped", "Your parcel is on its way",
        Map.of("source", "shop"), null, null, null);
    try (FcmChannel channel = Messages.channel(peer).build();
        ManualChannelContext context = ManualChannelContext.create()) {
      DeliveryResult result = channel.sendBlocking(Messages.delivery("d-1",
          Messages.message(token, content, options, Priority.HIGH, null)), context);

      ReceivedFcmRequest r = peer.awaitReceived(1, WAIT).get(0);
      assertThat(result).isEqualTo(DeliveryResult.sent(r.name()));
      assertThat(r.name()).isEqualTo("projects/notify-test/messages/1");
      assertThat(r.projectId()).isEqualTo(Messages.PROJECT);
      assertThat(r.authorization()).isEqualTo("Bearer " + FcmPeerConnection.ACCESS_TOKEN);
      assertThat(r.address()).isEqualTo(token);
      assertThat(r.at("token")).isEqualTo(token);
      assertThat(r.at("notification.title")).isEqualTo("Order shipped");
      assertThat(r.at("notification.body")).isEqualTo("Your parcel is on its way");
      assertThat(r.at("notification.image")).isEqualTo("https://example.com/box.png");
      assertThat(r.at("data")).isEqualTo(Map.of("source", "shop", "orderId", "8812",
          "count", "3"));
      assertThat(r.at("android.priority")).isEqualTo("high");
      assertThat(r.at("android.ttl")).isEqualTo("300s");
      assertThat(r.at("android.collapse_key")).isEqualTo("order-8812");
      assertThat(r.at("android.notification.channel_id")).isEqualTo("orders");
      assertThat(r.at("apns.headers")).isEqualTo(Map.of("apns-priority", "5"));
      assertThat(r.at("apns.payload.aps.badge")).isEqualTo(2);
      assertThat(r.at("apns.payload.aps.sound")).isEqualTo("default");
      assertThat(r.at("apns.payload.aps.mutable-content")).isEqualTo(1);
      assertThat(r.at("apns.payload.aps.category")).isEqualTo("ORDER");
      assertThat(r.at("apns.payload.aps.thread-id")).isEqualTo("orders");
      assertThat(r.at("webpush.headers")).isEqualTo(Map.of("Urgency", "high"));
      assertThat(r.at("webpush.fcm_options.link")).isEqualTo("https://example.com/orders/8812");
      assertThat(r.at("webpush.notification.icon")).isEqualTo("https://example.com/icon.png");
    }
  }

  @Test
  void normalPriorityAndTheTtlFromExpiresAt(FcmPeer peer) {
    Instant now = Instant.parse("2026-05-01T10:00:00Z");
    try (FcmChannel channel = Messages.channel(peer).build();
        ManualChannelContext context = ManualChannelContext.builder().startingAt(now).build()) {
      DeliveryResult result = channel.sendBlocking(Messages.delivery("d-2", Messages.message(
          FcmPeer.token(2), new Content(null, null, Map.of("k", "v"), null, null, null), null,
          Priority.NORMAL, now.plus(Duration.ofHours(2)))), context);

      assertThat(result).isInstanceOf(DeliveryResult.Sent.class);
      ReceivedFcmRequest r = peer.awaitReceived(1, WAIT).get(0);
      assertThat(r.at("android.priority")).isEqualTo("normal");
      assertThat(r.at("android.ttl")).isEqualTo("7200s");
      assertThat(r.at("notification")).as("a data-only message").isNull();
      assertThat(r.at("apns")).isNull();
      assertThat(r.at("webpush")).isNull();
    }
  }

  @Test
  void eachSendIsOneRequestWithItsOwnMessageName(FcmPeer peer) {
    try (FcmChannel channel = Messages.channel(peer).build();
        ManualChannelContext context = ManualChannelContext.create()) {
      for (int i = 0; i < 5; i++) {
        assertThat(channel.sendBlocking(Messages.delivery("d-" + i, FcmPeer.token(i)), context))
            .isEqualTo(DeliveryResult.sent("projects/notify-test/messages/" + (i + 1)));
      }
      List<ReceivedFcmRequest> all = peer.awaitReceived(5, WAIT);
      assertThat(all).extracting(ReceivedFcmRequest::address)
          .containsExactly(FcmPeer.token(0), FcmPeer.token(1), FcmPeer.token(2),
              FcmPeer.token(3), FcmPeer.token(4));
    }
  }
}
