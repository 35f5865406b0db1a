package dev.notify.apns;

import static dev.notify.apns.Messages.message;
import static dev.notify.apns.Messages.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Priority;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.apns.MockApnsPeer;
import dev.notify.testkit.apns.ReceivedPush;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accepted sends, checked on the peer's side of the wire. */
class ApnsChannelSendTest {
  /** One peer for the class, reset before each test (script and record forgotten). */
  @RegisterExtension
  static final ProviderPeerExtension<MockApnsPeer> APNS =
      ProviderPeerExtension.of(MockApnsPeer::start);
  private static ApnsChannel channel;

  private final MockApnsPeer peer = APNS.peer();
  private final ManualChannelContext context =
      ManualChannelContext.builder().channelName("apns").build();

  @BeforeAll
  static void start(MockApnsPeer peer) {
    channel = PeerChannels.forPeer(peer).build();
  }

  @AfterAll
  static void stop() {
    channel.close();
  }

  @AfterEach
  void closeContext() {
    context.close();
  }

  private DeliveryResult send(Delivery delivery) throws Exception {
    return channel.send(delivery, context).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private ReceivedPush onlyReceived() {
    List<ReceivedPush> received = peer.awaitReceived(1, Duration.ofSeconds(10));
    assertThat(received).hasSize(1);
    return received.get(0);
  }

  @Test
  void acceptedAlertCarriesContentOptionsAndHeaders() throws Exception {
    Instant expiresAt = Instant.parse("2030-01-02T03:04:05Z");
    Delivery delivery = message().to(token(7)).title("Order shipped").body("Arrives Tuesday")
        .data(Map.of("orderId", "42")).priority(Priority.HIGH).expiresAt(expiresAt)
        .options(ApnsOptions.builder().subtitle("Order 42").badge(3).sound("default")
            .threadId("orders").category("ORDER").mutableContent(true).collapseId("order-42")
            .customData("nested", Map.of("count", 2, "flags", List.of(true, false)))
            .build())
        .delivery();

    DeliveryResult result = send(delivery);

    String apnsId = UUID.nameUUIDFromBytes(delivery.id().getBytes(StandardCharsets.UTF_8))
        .toString();
    assertThat(result).isEqualTo(DeliveryResult.sent(apnsId));
    ReceivedPush push = onlyReceived();
    assertThat(push.token()).isEqualTo(token(7));
    assertThat(push.topic()).isEqualTo(peer.credentials().topic());
    assertThat(push.pushType()).isEqualTo("alert");
    assertThat(push.priority()).isEqualTo(10);
    assertThat(push.apnsId()).isEqualTo(apnsId);
    assertThat(push.collapseId()).isEqualTo("order-42");
    assertThat(push.expiration()).isEqualTo(expiresAt.getEpochSecond());
    assertThat(push.bearerToken()).isTrue();
    assertThat(push.payload())
        .contains("\"title\":\"Order shipped\"", "\"body\":\"Arrives Tuesday\"",
            "\"subtitle\":\"Order 42\"", "\"badge\":3", "\"sound\":\"default\"",
            "\"thread-id\":\"orders\"", "\"category\":\"ORDER\"", "\"mutable-content\":1",
            "\"orderId\":\"42\"", "\"count\":2", "[true,false]")
        .doesNotContain("content-available");
  }

  @Test
  void normalAndLowPriorityAreSentWithPriorityFive() throws Exception {
    send(message().to(token(1)).priority(Priority.NORMAL).delivery());
    send(message().to(token(2)).priority(Priority.LOW).delivery());

    assertThat(peer.awaitReceived(2, Duration.ofSeconds(10)))
        .extracting(ReceivedPush::priority).containsOnly(5);
  }

  @Test
  void silentPushIsABackgroundPushWithPriorityFiveEvenWhenHigh() throws Exception {
    DeliveryResult result = send(message().noAlert().priority(Priority.HIGH)
        .data(Map.of("sync", "inbox"))
        .options(ApnsOptions.builder().contentAvailable(true).build()).delivery());

    assertThat(result).isInstanceOf(DeliveryResult.Sent.class);
    ReceivedPush push = onlyReceived();
    assertThat(push.pushType()).isEqualTo("background");
    assertThat(push.priority()).isEqualTo(5);
    assertThat(push.payload()).contains("\"content-available\":1", "\"sync\":\"inbox\"")
        .doesNotContain("alert");
  }

  @Test
  void voipPushGoesToTheTopicWithTheVoipSuffix() throws Exception {
    send(message().options(ApnsOptions.builder().pushType(ApnsPushType.VOIP).build())
        .delivery());

    ReceivedPush push = onlyReceived();
    assertThat(push.pushType()).isEqualTo("voip");
    assertThat(push.topic()).isEqualTo(peer.credentials().topic() + ".voip");
  }

  @Test
  void perNotificationTopicOverridesTheDefault() throws Exception {
    send(message().options(ApnsOptions.builder().topic("com.example.other").build())
        .delivery());

    assertThat(onlyReceived().topic()).isEqualTo("com.example.other");
  }

  @Test
  void retriedDeliveryCarriesTheSameApnsId() throws Exception {
    Delivery first = message().delivery();
    Delivery retry = new Delivery(first.id(), 2, first.message());

    DeliveryResult a = send(first);
    DeliveryResult b = send(retry);

    assertThat(a).isEqualTo(b);
    assertThat(peer.awaitReceived(2, Duration.ofSeconds(10)))
        .extracting(ReceivedPush::apnsId).containsOnly(((DeliveryResult.Sent) a)
            .providerMessageId());
  }

  @Test
  void withoutExpiresAtTheDefaultExpirationCountsFromTheContextClock() throws Exception {
    Instant now = Instant.parse("2031-05-06T07:08:09Z");
    try (ManualChannelContext in2031 = ManualChannelContext.builder().channelName("apns")
        .startingAt(now).build()) {
      channel.send(message().delivery(), in2031).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    assertThat(onlyReceived().expiration())
        .isEqualTo(now.plus(Duration.ofDays(1)).getEpochSecond());
  }

  @Test
  void zeroDefaultExpirationAsksApnsNotToStore() throws Exception {
    try (ApnsChannel nowOrNever = PeerChannels.forPeer(peer).name("apns-now")
        .defaultExpiration(Duration.ZERO).build()) {
      nowOrNever.send(message().delivery(), context).toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    }

    assertThat(onlyReceived().expiration()).isZero();
  }
}
