package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.Content;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.twilio.ReceivedSms;
import dev.notify.testkit.twilio.TwilioPeer;
import dev.notify.testkit.twilio.TwilioRoutes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What reaches Twilio for an accepted message, checked on the peer's side. */
class AcceptedSendTest {
  static final String SERVICE = "MG" + "0123456789abcdef".repeat(2);

  @RegisterExtension
  final ProviderPeerExtension<TwilioPeer> peers = ProviderPeerExtension.of(TwilioPeer::start);

  static OutboundMessage message(String to, String body, @Nullable Instant expiresAt,
      @Nullable SmsOptions options) {
    return new OutboundMessage("n-1", Recipient.address(ChannelType.SMS, to),
        new Content(null, body, Map.of(), null, null, null), Priority.NORMAL, null, expiresAt,
        options == null ? Map.of() : Map.of(SmsOptions.class, options), Map.of());
  }

  static DeliveryResult send(SmsChannel channel, OutboundMessage m, ManualChannelContext ctx) {
    return channel.sendBlocking(new Delivery("n-1/0", 1, m), ctx);
  }

  @Test
  void anAcceptedMessageCarriesItsFormFieldsAndReturnsTheMessageSid(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer)
        .statusCallback("https://hooks.example.com/twilio/status").build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      Instant now = ctx.clock().instant();
      DeliveryResult r = send(channel, message("+1 (415) 555-2671", "Your code is 123456",
          now.plus(Duration.ofMinutes(10)), null), ctx);

      ReceivedSms sms = peer.awaitReceived(1, PeerChannels.WAIT).get(0);
      assertThat(r).isEqualTo(DeliveryResult.sent(sms.messageSid()));
      assertThat(sms.messageSid()).matches("SM[0-9a-f]{32}");
      assertThat(sms.accountSid()).isEqualTo(peer.accountSid());
      assertThat(sms.user()).isEqualTo(peer.accountSid());
      assertThat(sms.form()).containsEntry("To", "+14155552671")
          .containsEntry("From", PeerChannels.FROM)
          .containsEntry("Body", "Your code is 123456")
          .containsEntry("StatusCallback", "https://hooks.example.com/twilio/status")
          .containsEntry("ValidityPeriod", "600");
    }
  }

  @Test
  void optionsReplaceTheValidityAndTheCallback(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer).build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      send(channel, message("+14155552671", "Hi", ctx.clock().instant().plusSeconds(99_999),
          SmsOptions.builder().validityPeriod(Duration.ofSeconds(30))
              .statusCallback("https://other.example.com/cb?tenant=7").build()), ctx);
      assertThat(peer.awaitReceived(1, PeerChannels.WAIT).get(0).form())
          .containsEntry("ValidityPeriod", "30")
          .containsEntry("StatusCallback", "https://other.example.com/cb?tenant=7");
    }
  }

  @Test
  void aFarExpiryIsCappedAtTwiliosTenHours(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer).build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      send(channel, message("+14155552671", "Hi", ctx.clock().instant().plus(Duration.ofDays(2)),
          null), ctx);
      assertThat(peer.awaitReceived(1, PeerChannels.WAIT).get(0).form())
          .containsEntry("ValidityPeriod", "36000");
    }
  }

  @Test
  void withoutExpiryNoValidityPeriodIsSent(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer).build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      send(channel, message("+14155552671", "Hi", null, null), ctx);
      assertThat(peer.awaitReceived(1, PeerChannels.WAIT).get(0).form())
          .doesNotContainKeys("ValidityPeriod", "StatusCallback");
    }
  }

  @Test
  void aMessagingServiceIsSentAsMessagingServiceSid(TwilioPeer peer) {
    try (SmsChannel channel = SmsChannel.builder().account(peer.accountSid(), peer.authToken())
        .messagingService(SERVICE).httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer)))
        .build(); ManualChannelContext ctx = ManualChannelContext.create()) {
      assertThat(send(channel, message("+14155552671", "Hi", null, null), ctx))
          .isInstanceOf(DeliveryResult.Sent.class);
      assertThat(peer.awaitReceived(1, PeerChannels.WAIT).get(0).form())
          .containsEntry("MessagingServiceSid", SERVICE).doesNotContainKey("From");
      assertThat(channel.throughput()).contains(SenderType.MESSAGING_SERVICE.defaultThroughput());
    }
  }

  @Test
  void anAlphanumericSenderIsTheFrom(TwilioPeer peer) {
    try (SmsChannel channel = SmsChannel.builder().account(peer.accountSid(), peer.authToken())
        .alphanumericSender("ExampleShop").httpClient(b -> b.setRoutePlanner(
            TwilioRoutes.to(peer))).build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      send(channel, message("+33612345678", "Bonjour", null, null), ctx);
      assertThat(peer.awaitReceived(1, PeerChannels.WAIT).get(0).form())
          .containsEntry("From", "ExampleShop");
    }
  }

  @Test
  void anApiKeyAuthenticatesForItsAccount(TwilioPeer peer) {
    String key = "SK" + "fedcba9876543210".repeat(2);
    peer.addApiKey(key, "key-secret", peer.accountSid());
    try (SmsChannel channel = SmsChannel.builder().apiKey(peer.accountSid(), key, "key-secret")
        .from(PeerChannels.FROM).httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer)))
        .build(); ManualChannelContext ctx = ManualChannelContext.create()) {
      assertThat(send(channel, message("+14155552671", "Hi", null, null), ctx))
          .isInstanceOf(DeliveryResult.Sent.class);
      ReceivedSms sms = peer.awaitReceived(1, PeerChannels.WAIT).get(0);
      assertThat(sms.user()).isEqualTo(key);
      assertThat(sms.accountSid()).isEqualTo(peer.accountSid());
    }
  }

  @Test
  void theSenderTypeSetsThePace(TwilioPeer peer) {
    try (SmsChannel longCode = PeerChannels.to(peer).build();
        SmsChannel tollFree = PeerChannels.to(peer).from("+18005550100").build();
        SmsChannel shortCode = PeerChannels.to(peer).from("89757").build()) {
      assertThat(longCode.throughput()).contains(SenderType.LONG_CODE.defaultThroughput());
      assertThat(tollFree.throughput()).contains(SenderType.TOLL_FREE.defaultThroughput());
      assertThat(shortCode.throughput()).contains(SenderType.SHORT_CODE.defaultThroughput());
      assertThat(SenderType.SHORT_CODE.defaultThroughput().permits()).isEqualTo(100);
    }
  }

  @Test
  void theChannelsToStringShowsNoSecretAndNoFullNumber(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer).build()) {
      assertThat(channel.toString()).doesNotContain(peer.authToken())
          .doesNotContain(PeerChannels.FROM);
    }
  }
}
