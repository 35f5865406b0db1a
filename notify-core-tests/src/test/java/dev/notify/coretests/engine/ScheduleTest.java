package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.policy.LaneOptions;
import dev.notify.recipient.UserProfile;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private final ManualTime time = ManualTime.startingAt(T0);
  private final RecordingListener events = new RecordingListener();
  private final RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
  private final InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
  private NotificationClient client;

  @BeforeEach
  void build() {
    users.put(UserProfile.builder("ada").email("ada@example.com").build());
    client = NotificationClient.builder().channel(channel).clock(time.clock()).scheduler(time)
        .recipientDirectory(users).lane("email", LaneOptions.ofDefaults().withMaxInFlight(1)).listener(events).build();
  }

  @AfterEach
  void close() {
    channel.release();
    client.close();
    time.close();
  }

  @Test
  void aScheduledNotificationIsSentAtItsSendAt() {
    SendReceipt r = client.send(email("later", "ada@example.com").toBuilder()
        .sendAt(T0.plus(Duration.ofHours(1))).build());
    assertThat(events.awaitDeliveries(EventType.SCHEDULED, 1, WAIT).get(0).nextAttemptAt())
        .isEqualTo(T0.plus(Duration.ofHours(1)));
    DeliveryStatus waiting = client.status("later").orElseThrow().deliveries().get(0);
    assertThat(waiting.state()).isEqualTo(DeliveryState.SCHEDULED);
    assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofHours(1)));

    time.advance(Duration.ofMinutes(59));
    assertThat(client.status("later").orElseThrow().deliveries().get(0).state())
        .isEqualTo(DeliveryState.SCHEDULED);
    assertThat(channel.sendCount()).isZero();

    time.advance(Duration.ofMinutes(1));
    DeliveryStatus sent = finalStatus(r).deliveries().get(0);
    assertThat(sent.state()).isEqualTo(DeliveryState.SENT);
    assertThat(sent.attempts().get(0).at()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void aNotificationThatExpiresWhileQueuedIsNotSent() {
    channel.hold();
    client.send(email("first", "a@example.com"));
    channel.awaitSends(1, WAIT);
    SendReceipt r = client.send(email("short-lived", "b@example.com").toBuilder()
        .expiresAt(T0.plusSeconds(10)).build());
    time.advance(Duration.ofSeconds(11));
    channel.release();

    DeliveryStatus d = finalStatus(r).deliveries().get(0);
    assertThat(d.state()).isEqualTo(DeliveryState.EXPIRED);
    assertThat(d.attempts()).isEmpty();
    assertThat(channel.sends()).extracting(s -> s.message().notificationId())
        .containsExactly("first");
    assertThat(events.count(EventType.EXPIRED)).isEqualTo(1);
  }

  @Test
  void aScheduledNotificationCanBeCancelled() {
    SendReceipt r = client.send(email("promo", "ada@example.com").toBuilder()
        .sendAt(T0.plus(Duration.ofHours(1))).build());
    assertThat(client.cancel("promo")).isTrue();
    assertThat(finalStatus(r).deliveries().get(0).state()).isEqualTo(DeliveryState.CANCELLED);
    assertThat(events.count(EventType.CANCELLED)).isEqualTo(1);

    time.advance(Duration.ofHours(2));
    assertThat(channel.sendCount()).isZero();
    assertThat(client.cancel("promo")).isFalse();
    assertThat(client.cancel("unknown")).isFalse();
  }

  @Test
  void aScheduledNotificationToAUserCanBeCancelledBeforeItIsResolved() {
    // Found by the Quickstart demo: cancel threw a NullPointerException for a delivery that still
    // waits to be resolved, because it belongs to no channel's lane yet.
    SendReceipt r = client.send(Notification.builder().id("renew").to(Recipient.user("ada"))
        .subject("Renew").text("Your plan renews tomorrow").sendAt(T0.plus(Duration.ofHours(1)))
        .build());
    assertThat(client.cancel("renew")).isTrue();
    assertThat(finalStatus(r).deliveries()).singleElement()
        .satisfies(d -> assertThat(d.state()).isEqualTo(DeliveryState.CANCELLED));
    assertThat(events.count(EventType.CANCELLED)).isEqualTo(1);
    time.advance(Duration.ofHours(2));
    assertThat(channel.sendCount()).isZero();
  }

  @Test
  void aQueuedNotificationCanBeCancelledBeforeItsChannelTakesIt() {
    channel.hold();
    client.send(email("first", "a@example.com"));
    channel.awaitSends(1, WAIT);
    SendReceipt queued = client.send(email("second", "b@example.com"));
    Fixtures.await("queued in the lane", () -> client.stats().lanes().get("email").queued()
        .values().stream().mapToInt(Integer::intValue).sum() == 1);

    assertThat(client.cancel("second")).isTrue();
    assertThat(finalStatus(queued).deliveries().get(0).state()).isEqualTo(DeliveryState.CANCELLED);
    channel.release();
    Fixtures.await("memory empty", () -> client.stats().inMemory() == 0);
    assertThat(channel.sends()).extracting(s -> s.message().notificationId())
        .containsExactly("first");
  }
}
