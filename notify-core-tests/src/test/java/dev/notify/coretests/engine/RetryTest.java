package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.exponential;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.DeliveryEvent;
import dev.notify.event.EventType;
import dev.notify.policy.RetryPolicy;
import dev.notify.spi.Channel;
import dev.notify.spi.DeliveryResult;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.NotificationStatus;
import dev.notify.status.Outcome;
import dev.notify.status.Receipt;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final ManualTime time = ManualTime.startingAt(T0);
  private final RecordingListener events = new RecordingListener();
  private final RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
  private NotificationClient client;

  private NotificationClient client(RetryPolicy policy) {
    client = NotificationClient.builder().channel(channel).clock(time.clock()).scheduler(time)
        .retryPolicy(policy).listener(events).build();
    return client;
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    time.close();
  }

  @Test
  void retryableTwiceThenSuccessIsSentAfterThreeAttemptsAtThePolicysDelays() {
    channel.respondWith(DeliveryResult.retryable("503 busy"), DeliveryResult.retryable("503 busy"));
    SendReceipt receipt = client(exponential(8)).send(email("r-1", "ada@example.com"));

    DeliveryEvent first = events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, WAIT).get(0);
    assertThat(first.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
    time.advance(Duration.ofSeconds(1));
    DeliveryEvent second = events.awaitDeliveries(EventType.RETRY_SCHEDULED, 2, WAIT).get(1);
    assertThat(second.nextAttemptAt()).isEqualTo(T0.plusSeconds(3));
    time.advance(Duration.ofSeconds(2));

    NotificationStatus status = finalStatus(receipt);
    DeliveryStatus d = status.deliveries().get(0);
    assertThat(d.state()).isEqualTo(DeliveryState.SENT);
    assertThat(d.attempts()).extracting(Attempt::at)
        .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(3));
    assertThat(d.attempts()).extracting(Attempt::outcome)
        .containsExactly(Outcome.RETRYABLE, Outcome.RETRYABLE, Outcome.SENT);
    assertThat(d.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3);
    assertThat(channel.sendCount()).isEqualTo(3);
  }

  @Test
  void retryAfterWinsWhenItIsLaterThanTheBackoff() {
    channel.respondWith(DeliveryResult.retryable("429", Duration.ofSeconds(30)));
    SendReceipt receipt = client(exponential(8)).send(email("r-2", "ada@example.com"));
    assertThat(events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, WAIT).get(0).nextAttemptAt())
        .isEqualTo(T0.plusSeconds(30));
    time.advance(Duration.ofSeconds(30));
    assertThat(finalStatus(receipt).deliveries().get(0).attempts().get(1).at())
        .isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void fullJitterDrawsTheDelayFromTheInjectedRandomness() {
    channel.respondWith(DeliveryResult.retryable("503"));
    RetryPolicy policy = RetryPolicy.builder().baseDelay(Duration.ofSeconds(10)).random(() -> 0.25)
        .build();
    client(policy).send(email("r-3", "ada@example.com"));
    assertThat(events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, WAIT).get(0).nextAttemptAt())
        .isEqualTo(T0.plusMillis(2_500));
  }

  @Test
  void permanentRejectionFailsAfterOneAttempt() {
    channel.respondWith(DeliveryResult.permanent("message rejected"));
    SendReceipt receipt = client(exponential(8)).send(email("p-1", "ada@example.com"));
    DeliveryStatus d = finalStatus(receipt).deliveries().get(0);
    assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(d.attempts()).hasSize(1);
    assertThat(d.reason()).contains("message rejected");
    assertThat(events.count(EventType.FAILED)).isEqualTo(1);
  }

  @Test
  void alwaysRetryableBecomesDeadAndReplayDeliversIt() {
    channel.respondByDefault(DeliveryResult.retryable("timeout"));
    SendReceipt receipt = client(exponential(3)).send(email("d-1", "ada@example.com"));
    events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, WAIT);
    time.advance(Duration.ofSeconds(1));
    events.awaitDeliveries(EventType.RETRY_SCHEDULED, 2, WAIT);
    time.advance(Duration.ofSeconds(2));

    DeliveryStatus dead = finalStatus(receipt).deliveries().get(0);
    assertThat(dead.state()).isEqualTo(DeliveryState.DEAD);
    assertThat(dead.attempts()).hasSize(3);
    assertThat(client.deadLetters(10)).extracting(NotificationStatus::id).containsExactly("d-1");
    assertThat(client.deadLetters("email", 10)).hasSize(1);

    channel.respondByDefault(DeliveryResult.sent("ok"));
    SendReceipt replay = client.replay("d-1").orElseThrow();
    assertThat(replay.id()).isEqualTo("d-1");
    DeliveryStatus sent = finalStatus(replay).deliveries().get(0);
    assertThat(sent.state()).isEqualTo(DeliveryState.SENT);
    assertThat(sent.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3, 1);
    assertThat(client.deadLetters(10)).isEmpty();
    assertThat(client.replay("d-1")).isEmpty();
  }

  @Test
  void addressInvalidAndOptedOutReachListeners() {
    Instant invalidatedAt = T0.minusSeconds(3_600);
    channel.respondTo("gone@example.com", DeliveryResult.addressInvalid("Unregistered",
        invalidatedAt));
    channel.respondTo("stop@example.com", DeliveryResult.recipientOptedOut("21610 STOP"));
    client(exponential(8));
    SendReceipt gone = client.send(email("ai-1", "gone@example.com"));
    SendReceipt stop = client.send(email("oo-1", "stop@example.com"));

    assertThat(finalStatus(gone).deliveries().get(0).state()).isEqualTo(DeliveryState.FAILED);
    assertThat(finalStatus(stop).deliveries().get(0).state()).isEqualTo(DeliveryState.FAILED);
    DeliveryEvent invalid = events.awaitDeliveries(EventType.ADDRESS_INVALID, 1, WAIT).get(0);
    assertThat(invalid.invalidatedAt()).isEqualTo(invalidatedAt);
    assertThat(invalid.address()).isEqualTo(Recipient.email("gone@example.com"));
    DeliveryEvent optedOut = events.awaitDeliveries(EventType.OPTED_OUT, 1, WAIT).get(0);
    assertThat(optedOut.reason()).contains("21610");
    assertThat(finalStatus(gone).deliveries().get(0).attempts().get(0).outcome())
        .isEqualTo(Outcome.ADDRESS_INVALID);
  }

  @Test
  void aChannelThatThrowsIsRetried() {
    RecordingChannel flaky = RecordingChannel.builder("flaky").type(EMAIL).build();
    int[] calls = {0};
    Channel throwing = new FunctionChannel("email", EMAIL, (d, ctx) -> {
      if (calls[0]++ == 0) {
        throw new IllegalStateException("connection reset");
      }
      return flaky.send(d, ctx);
    }, () -> { });
    client = NotificationClient.builder().channel(throwing).clock(time.clock()).scheduler(time)
        .retryPolicy(exponential(3)).listener(events).build();
    SendReceipt r = client.send(email("e-1", "ada@example.com"));
    assertThat(events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, WAIT).get(0).reason())
        .contains("connection reset");
    time.advance(Duration.ofSeconds(1));
    List<Attempt> attempts = finalStatus(r).deliveries().get(0).attempts();
    assertThat(attempts).extracting(Attempt::outcome).containsExactly(Outcome.ERROR, Outcome.SENT);
  }

  @Test
  void aRetryPastTheExpiryEndsExpired() {
    channel.respondByDefault(DeliveryResult.retryable("503"));
    client(exponential(8));
    SendReceipt r = client.send(email("x-1", "ada@example.com").toBuilder()
        .expiresAt(T0.plusMillis(2_500)).build());
    events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, WAIT);
    time.advance(Duration.ofSeconds(1));
    DeliveryStatus d = finalStatus(r).deliveries().get(0);
    assertThat(d.state()).isEqualTo(DeliveryState.EXPIRED);
    assertThat(d.attempts()).hasSize(2);
    assertThat(events.count(EventType.EXPIRED)).isEqualTo(1);
  }

  @Test
  void receiptsArriveOnTheSentDelivery() {
    channel.respondWith(DeliveryResult.sent("SM123"));
    client(exponential(8));
    SendReceipt r = client.send(email("rc-1", "ada@example.com"));
    finalStatus(r);
    Receipt delivered = new Receipt(Receipt.Kind.DELIVERED, T0.plusSeconds(5), "delivered");
    assertThat(channel.context().receipts().record("SM123", delivered)).isTrue();
    assertThat(events.awaitDeliveries(EventType.RECEIPT, 1, WAIT).get(0).deliveryId()).isEqualTo("rc-1/1");
    DeliveryStatus d = client.status("rc-1").orElseThrow().deliveries().get(0);
    assertThat(d.state()).isEqualTo(DeliveryState.SENT);
    assertThat(d.receipts()).extracting(Receipt::kind)
        .containsExactly(Receipt.Kind.DELIVERED);
    // The same report again is a duplicate; one for an id not sent yet is kept for its SENT.
    assertThat(channel.context().receipts().record("SM123", delivered)).isFalse();
    assertThat(client.status("rc-1").orElseThrow().deliveries().get(0).receipts()).hasSize(1);
    assertThat(events.count(EventType.RECEIPT)).isEqualTo(1);
    assertThat(channel.context().receipts().record("unknown",
        new Receipt(Receipt.Kind.DELIVERED, T0, null))).isTrue();
  }
}
