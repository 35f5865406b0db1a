package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.exponential;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.event.AcceptedEvent;
import dev.notify.event.DeliveryEvent;
import dev.notify.event.EventType;
import dev.notify.event.NotificationEvent;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What listeners see: one shape per kind of event, and each state change reported once. */
class EventsTest {
  private final ManualTime time = ManualTime.startingAt(T0);
  private final RecordingListener events = new RecordingListener();
  private final RecordingChannel channel = RecordingChannel.builder("email")
      .type(ChannelType.EMAIL).build();
  private final InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();

  @AfterEach
  void close() {
    time.close();
  }

  private NotificationClient client() {
    return NotificationClient.builder().channel(channel).recipientDirectory(users)
        .retryPolicy(exponential(2)).clock(time.clock()).scheduler(time).listener(events).build();
  }

  private List<EventType> typesOf(String deliveryId) {
    return events.events().stream().filter(e -> e instanceof DeliveryEvent d
        && d.deliveryId().equals(deliveryId)).map(NotificationEvent::type).toList();
  }

  @Test
  void aUserDeliveryIsQueuedOnceAndSentWithTheProvidersId() {
    users.put(UserProfile.builder("u").email("u@example.com").build());
    try (NotificationClient client = client()) {
      finalStatus(client.send(Notification.builder().id("n").to(Recipient.user("u"))
          .subject("s").text("t").build()));
      assertThat(events.events().get(0)).isEqualTo(new AcceptedEvent(T0, "n"));
      assertThat(typesOf("n/1.1")).containsExactly(EventType.QUEUED, EventType.SENT);
      assertThat(events.events()).as("the resolve step is not a channel listeners know")
          .noneMatch(e -> e instanceof DeliveryEvent d && d.channel().startsWith("@"));
      DeliveryEvent sent = events.deliveryEvents(EventType.SENT).get(0);
      assertThat(sent.providerMessageId()).isNotNull()
          .isEqualTo(client.status("n").orElseThrow().deliveries().get(0).providerMessageId());
      assertThat(sent.reason()).isNull();
      assertThat(sent.attempt()).isEqualTo(1);
    }
  }

  @Test
  void aRetryIsQueuedAgainWhenDueAndAReplayedDeadLetterIsQueuedAsReplayed() {
    channel.respondWith(DeliveryResult.retryable("503"), DeliveryResult.retryable("503"));
    try (NotificationClient client = client()) {
      client.send(email("r", "ada@example.com"));
      events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, WAIT);
      time.advance(Duration.ofSeconds(1));
      events.await(EventType.DEAD, 1, WAIT);
      assertThat(typesOf("r/1")).containsExactly(EventType.QUEUED, EventType.RETRY_SCHEDULED,
          EventType.QUEUED, EventType.DEAD);

      finalStatus(client.replay("r").orElseThrow());
      List<DeliveryEvent> queued = events.deliveryEvents(EventType.QUEUED);
      assertThat(queued).hasSize(3);
      assertThat(queued.get(2).reason()).isEqualTo("replayed");
      assertThat(typesOf("r/1")).endsWith(EventType.DEAD, EventType.QUEUED, EventType.SENT);
    }
  }
}
