package dev.notify.fcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.policy.LaneOptions;
import dev.notify.policy.RetryPolicy;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.Outcome;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.RecordingListener;
import dev.notify.testkit.fcm.FcmAnswer;
import dev.notify.testkit.fcm.FcmPeer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** From {@code client.send} to the FCM peer: validation at send, Retry-After, the status. */
class FcmThroughClientTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  @RegisterExtension
  final ProviderPeerExtension<FcmPeer> peers = ProviderPeerExtension.of(FcmPeer::start);

  @Test
  void anOversizedPayloadIsRejectedAtSendAndNothingIsStored(FcmPeer peer) {
    try (NotificationClient client = NotificationClient.builder()
        .channel(Messages.channel(peer).build()).build()) {
      Notification big = Notification.builder().id("big").to(Recipient.fcmToken(FcmPeer.token(1)))
          .title("Hello").body("é".repeat(2_100)).build();
      assertThatThrownBy(() -> client.send(big))
          .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
            assertThat(e.field()).isEqualTo("message");
            assertThat(e.rule()).contains("4205 bytes").contains("4096");
          });
      assertThat(client.status("big")).isEmpty();
      assertThat(peer.receivedCount()).isZero();
    }
  }

  @Test
  void aMalformedTokenAndAReservedDataKeyAreRejectedAtSend(FcmPeer peer) {
    try (NotificationClient client = NotificationClient.builder()
        .channel(Messages.channel(peer).build()).build()) {
      assertThatThrownBy(() -> client.send(Notification.builder().id("t")
          .to(Recipient.fcmToken("short")).title("Hi").build()))
          .isInstanceOfSatisfying(InvalidNotificationException.class,
              e -> assertThat(e.field()).isEqualTo("recipients[0]"));
      assertThatThrownBy(() -> client.send(Notification.builder().id("d")
          .to(Recipient.fcmToken(FcmPeer.token(2))).title("Hi").data("google.x", "1").build()))
          .isInstanceOfSatisfying(InvalidNotificationException.class,
              e -> assertThat(e.rule()).contains("reserves the data key 'google.x'"));
      assertThatThrownBy(() -> client.send(Notification.builder().id("l")
          .to(Recipient.fcmToken(FcmPeer.token(3))).title("Hi")
          .options(FcmOptions.builder().webLink("http://example.com/").build()).build()))
          .isInstanceOfSatisfying(InvalidNotificationException.class,
              e -> assertThat(e.field()).endsWith("options.webpush.link"));
      assertThat(peer.receivedCount()).isZero();
    }
  }

  @Test
  void retryAfterOfAn503IsHonouredByTheRetry(FcmPeer peer) throws Exception {
    String token = FcmPeer.token(4);
    peer.respond(token, FcmAnswer.error("UNAVAILABLE").withRetryAfter(Duration.ofSeconds(30)),
        FcmAnswer.accept());
    RecordingListener events = new RecordingListener();
    try (ManualTime time = ManualTime.startingAt(T0);
        NotificationClient client = NotificationClient.builder()
            .channel(Messages.channel(peer).build()).clock(time.clock()).scheduler(time)
            .listener(events).retryPolicy(RetryPolicy.builder().maxAttempts(3)
                .baseDelay(Duration.ofSeconds(1)).jitter(false).build()).build()) {
      SendReceipt receipt = client.send(Notification.builder().id("r-1")
          .to(Recipient.fcmToken(token)).title("Hi").build());
      assertThat(events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, WAIT).get(0)
          .nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
      time.advance(Duration.ofSeconds(30));
      DeliveryStatus d = receipt.completion().get(30, TimeUnit.SECONDS).deliveries().get(0);
      assertThat(d.state()).isEqualTo(DeliveryState.SENT);
      assertThat(d.attempts()).extracting(Attempt::outcome)
          .containsExactly(Outcome.RETRYABLE, Outcome.SENT);
      assertThat(d.attempts().get(1).at()).isEqualTo(T0.plusSeconds(30));
      assertThat(peer.receivedCount()).isEqualTo(2);
    }
  }

  @Test
  void anUnregisteredTokenFailsAndIsReportedInvalid(FcmPeer peer) throws Exception {
    String token = FcmPeer.token(5);
    peer.respond(token, FcmAnswer.error("UNREGISTERED"));
    RecordingListener events = new RecordingListener();
    try (NotificationClient client = NotificationClient.builder()
        .channel(Messages.channel(peer).build()).listener(events)
        .lane("fcm", LaneOptions.ofDefaults().withThreads(4).withMaxInFlight(4)).build()) {
      DeliveryStatus d = client.send(Notification.builder().id("u-1")
              .to(Recipient.fcmToken(token)).title("Hi").build())
          .completion().get(30, TimeUnit.SECONDS).deliveries().get(0);
      assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(d.attempts()).extracting(Attempt::outcome)
          .containsExactly(Outcome.ADDRESS_INVALID);
      assertThat(events.awaitDeliveries(EventType.ADDRESS_INVALID, 1, WAIT)).hasSize(1);
    }
  }
}
