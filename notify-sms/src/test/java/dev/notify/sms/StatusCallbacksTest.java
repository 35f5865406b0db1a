package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.twilio.security.RequestValidator;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.Receipt;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.twilio.ReceivedSms;
import dev.notify.testkit.twilio.TwilioPeer;
import dev.notify.testkit.twilio.TwilioSignatures;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Twilio's signed status callbacks, from the peer to a host endpoint, recorded on the delivery. */
class StatusCallbacksTest {
  static final String TO = "+14155552671";

  @RegisterExtension
  final ProviderPeerExtension<TwilioPeer> peers = ProviderPeerExtension.of(TwilioPeer::start);

  private static NotificationClient clientSending(TwilioPeer peer, String callbackUrl,
      CallbackEndpoint host) {
    NotificationClient client = NotificationClient.builder()
        .channel(PeerChannels.to(peer).statusCallback(callbackUrl).build()).build();
    host.use(TwilioStatusCallbacks.of(client, "sms", peer.authToken()));
    return client;
  }

  private static ReceivedSms sendOne(NotificationClient client, TwilioPeer peer)
      throws Exception {
    DeliveryStatus d = client.send(Notification.builder().id("n-1").to(Recipient.phone(TO))
        .body("Your order shipped").build()).completion().get(30, TimeUnit.SECONDS)
        .deliveries().get(0);
    assertThat(d.state()).isEqualTo(DeliveryState.SENT);
    ReceivedSms sms = peer.awaitReceived(1, PeerChannels.WAIT).get(0);
    assertThat(d.providerMessageId()).isEqualTo(sms.messageSid());
    return sms;
  }

  private static DeliveryStatus delivery(NotificationClient client) {
    return client.status("n-1").orElseThrow().deliveries().get(0);
  }

  @Test
  void signedDeliveredUndeliveredAndInvalidNumberCallbacksAreRecorded(TwilioPeer peer)
      throws Exception {
    try (CallbackEndpoint host = new CallbackEndpoint()) {
      try (NotificationClient client = clientSending(peer, host.origin() + "/twilio/status",
          host)) {
        ReceivedSms sms = sendOne(client, peer);
        assertThat(peer.statusCallback(sms, "sent", null)).as("intermediate: acknowledged")
            .isEqualTo(204);
        assertThat(delivery(client).receipts()).isEmpty();
        assertThat(peer.statusCallback(sms, "delivered", null)).isEqualTo(204);
        assertThat(delivery(client).receipts()).extracting(Receipt::kind)
            .containsExactly(Receipt.Kind.DELIVERED);
        assertThat(peer.statusCallback(sms, "delivered", null)).as("a redelivery")
            .isEqualTo(204);
        assertThat(delivery(client).receipts()).hasSize(1);
        assertThat(peer.statusCallback(sms, "undelivered", 30003)).isEqualTo(204);
        assertThat(peer.statusCallback(sms, "undelivered", 30005)).isEqualTo(204);
        assertThat(delivery(client).receipts()).extracting(Receipt::kind, Receipt::detail)
            .containsExactly(
                tuple(Receipt.Kind.DELIVERED, "delivered"),
                tuple(Receipt.Kind.UNDELIVERED,
                    "undelivered (error 30003)"),
                tuple(Receipt.Kind.ADDRESS_INVALID,
                    "undelivered (error 30005)"));
      }
    }
  }

  @Test
  void aForgedOrTamperedCallbackIsRejected(TwilioPeer peer) throws Exception {
    try (CallbackEndpoint host = new CallbackEndpoint()) {
      String url = host.origin() + "/twilio/status";
      try (NotificationClient client = clientSending(peer, url, host)) {
        ReceivedSms sms = sendOne(client, peer);
        Map<String, String> delivered = TwilioPeer.callbackParams(sms, "delivered", null);
        assertThat(peer.post(URI.create(url), delivered, "forged")).isEqualTo(403);
        assertThat(peer.post(URI.create(url), delivered,
            TwilioSignatures.sign("another-token", url, delivered))).isEqualTo(403);
        String signedForFailed = TwilioSignatures.sign(peer.authToken(), url,
            TwilioPeer.callbackParams(sms, "failed", 30005));
        assertThat(peer.post(URI.create(url), delivered, signedForFailed)).as("tampered")
            .isEqualTo(403);
        assertThat(delivery(client).receipts()).isEmpty();
      }
    }
  }

  @Test
  void behindAProxyTheHostChecksThePublicUrlTwilioSigned(TwilioPeer peer) throws Exception {
    String publicUrl = "https://hooks.example.com/twilio/status?tenant=7";
    // The host's server sees http://127.0.0.1:<port>/twilio/status?tenant=7; it rebuilds the
    // public URL from what the proxy forwards (X-Forwarded-Proto and -Host).
    try (CallbackEndpoint proxied = new CallbackEndpoint(
        p -> TwilioStatusCallbacks.publicUrl("https", "hooks.example.com", p));
        CallbackEndpoint naive = new CallbackEndpoint(p -> "http://127.0.0.1" + p)) {
      try (NotificationClient client = clientSending(peer, publicUrl, proxied)) {
        naive.use(TwilioStatusCallbacks.of(client, "sms", peer.authToken()));
        ReceivedSms sms = sendOne(client, peer);
        assertThat(peer.statusCallback(sms, "delivered", null,
            URI.create(naive.origin() + "/twilio/status?tenant=7")))
            .as("checked against the URL the server saw").isEqualTo(403);
        assertThat(peer.statusCallback(sms, "delivered", null,
            URI.create(proxied.origin() + "/twilio/status?tenant=7"))).isEqualTo(204);
        assertThat(delivery(client).receipts()).extracting(Receipt::kind)
            .containsExactly(Receipt.Kind.DELIVERED);
      }
    }
  }

  @Test
  void theTestkitsSignaturesAgreeWithTwilioJavasRequestValidator() {
    RequestValidator validator = new RequestValidator("auth-token");
    for (String url : new String[] {"https://hooks.example.com/twilio/status",
        "https://hooks.example.com/twilio/status?tenant=7&x=%C3%A9",
        "http://127.0.0.1:8080/cb"}) {
      Map<String, String> params = Map.of("MessageSid", "SM" + "0".repeat(32),
          "MessageStatus", "undelivered", "ErrorCode", "30005", "Body", "주문 🎉 a&b=c");
      assertThat(validator.validate(url, params, TwilioSignatures.sign("auth-token", url,
          params))).as(url).isTrue();
      assertThat(validator.validate(url, params, TwilioSignatures.sign("other", url,
          params))).as(url).isFalse();
    }
  }
}
