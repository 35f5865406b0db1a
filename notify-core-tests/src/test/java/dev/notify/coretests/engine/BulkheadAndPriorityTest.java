package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Priority;
import dev.notify.QueueFullException;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.policy.Backpressure;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.Delivery;
import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BulkheadAndPriorityTest {

  @Test
  void aHangingChannelDoesNotDelayAnother() {
    RecordingChannel sms = RecordingChannel.builder("sms").type(ChannelType.SMS).build().hold();
    RecordingChannel email = RecordingChannel.builder("email").type(ChannelType.EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(sms).channel(email)
        .capacity(200).dispatchers(1)
        .lane("sms", LaneOptions.ofDefaults().withMaxInFlight(2).withQueueCapacity(3)).build()) {
      for (int i = 0; i < 50; i++) {
        client.send(Notification.builder().id("sms-" + i).to(Recipient.phone("+1415555" + (1000 + i)))
            .body("code " + i).build());
      }
      List<SendReceipt> emails = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        emails.add(client.send(email("mail-" + i, "u" + i + "@example.com")));
      }
      for (SendReceipt r : emails) {
        assertThat(finalStatus(r).isSent()).isTrue();
      }
      assertThat(sms.heldCount()).isEqualTo(2);
      assertThat(client.stats().lanes().get("sms").inFlight()).isEqualTo(2);
      assertThat(client.status("sms-49").orElseThrow().deliveries().get(0).state())
          .isIn(DeliveryState.QUEUED, DeliveryState.SENDING);
      sms.release();
      Fixtures.await("sms backlog drained", () -> sms.sendCount() == 50 && sms.heldCount() == 0
          && client.stats().inMemory() == 0);
    }
  }

  @Test
  void workBeyondAFullLaneWaitsInTheLogAndIsTakenIntoMemoryOnce() {
    RecordingChannel sms = RecordingChannel.builder("sms").type(ChannelType.SMS).build().hold();
    RecordingListener events = new RecordingListener();
    try (NotificationClient client = NotificationClient.builder().channel(sms).capacity(200)
        .lane("sms", LaneOptions.ofDefaults().withMaxInFlight(2).withQueueCapacity(3))
        .listener(events).build()) {
      for (int i = 0; i < 50; i++) {
        client.send(Notification.builder().id("sms-" + i)
            .to(Recipient.phone("+1415555" + (1000 + i))).body("code " + i).build());
      }
      sms.awaitSends(2, WAIT);
      assertThat(client.stats().inMemory()).as("two in flight and a full queue of three")
          .isLessThanOrEqualTo(5);
      sms.release();
      Fixtures.await("all sent", () -> sms.sendCount() == 50 && client.stats().inMemory() == 0);

      // Each delivery entered memory once, by the send or by one claim: none bounced between
      // memory and the log because its lane was full.
      assertThat(client.stats().lanes().get("sms").parked()).as("parked back in the log").isZero();
      assertThat(events.count(EventType.QUEUED)).as("reported queued once each").isEqualTo(50);
      assertThat(sms.sends().stream().map(d -> d.message().notificationId()).distinct().count())
          .isEqualTo(50);
    }
  }

  @Test
  void blockWaitsForAPlaceInAFullLaneThenRejectsStoringNothing() throws Exception {
    RecordingChannel sms = RecordingChannel.builder("sms").type(ChannelType.SMS).build().hold();
    Thread[] sender = new Thread[1];
    ExecutorService senders = Executors.newSingleThreadExecutor(r -> sender[0] = new Thread(r));
    try (NotificationClient client = NotificationClient.builder().channel(sms).capacity(200)
        .backpressure(Backpressure.block(Duration.ofSeconds(2)))
        .lane("sms", LaneOptions.ofDefaults().withMaxInFlight(1).withQueueCapacity(2)).build()) {
      for (int i = 0; i < 3; i++) {
        client.send(Notification.builder().id("sms-" + i)
            .to(Recipient.phone("+1415555" + (1000 + i))).body("code " + i).build());
      }
      sms.awaitSends(1, WAIT);
      Notification fourth = Notification.builder().id("sms-3").to(Recipient.phone("+14155551003"))
          .body("code 3").build();

      assertThatThrownBy(() -> client.send(fourth)).isInstanceOf(QueueFullException.class)
          .hasMessageContaining("lane 'sms'").hasMessageContaining("BLOCK");
      assertThat(client.status("sms-3")).isEmpty();
      assertThat(client.stats().inMemory()).isEqualTo(3);

      // The sender waits for a place; the lane frees places and the send goes through.
      Future<SendReceipt> waiting = senders.submit(() -> client.send(fourth));
      Fixtures.await("the sender waits", () -> sender[0] != null
          && sender[0].getState() == Thread.State.TIMED_WAITING);
      assertThat(waiting).isNotDone();
      sms.release();
      assertThat(finalStatus(waiting.get(10, TimeUnit.SECONDS)).isSent()).isTrue();
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void highIsSentBeforeLowThatWasQueuedFirst() {
    RecordingChannel channel = RecordingChannel.builder("email").type(ChannelType.EMAIL).build()
        .hold();
    try (NotificationClient client = NotificationClient.builder().channel(channel)
        .lane("email", LaneOptions.ofDefaults().withMaxInFlight(1)).build()) {
      for (int i = 0; i < 5; i++) {
        client.send(email("low-" + i, "l" + i + "@example.com", Priority.LOW));
      }
      channel.awaitSends(1, WAIT);
      client.send(email("high", "h@example.com", Priority.HIGH));
      Fixtures.await("all queued in the lane", () -> queued(client, Priority.HIGH) == 1
          && queued(client, Priority.LOW) == 4);
      channel.release();
      List<Delivery> order = channel.awaitSends(6, WAIT);
      assertThat(order.get(0).message().notificationId()).startsWith("low-");
      assertThat(order.get(1).message().notificationId()).isEqualTo("high");
    }
  }

  @Test
  void lowStillProgressesUnderASteadyHighLoad() {
    RecordingChannel channel = RecordingChannel.builder("email").type(ChannelType.EMAIL).build()
        .hold();
    try (NotificationClient client = NotificationClient.builder().channel(channel)
        .lane("email", LaneOptions.ofDefaults().withMaxInFlight(1)).build()) {
      client.send(email("high-first", "h@example.com", Priority.HIGH));
      channel.awaitSends(1, WAIT);
      client.send(email("low", "l@example.com", Priority.LOW));
      for (int i = 0; i < 40; i++) {
        client.send(email("high-" + i, "h" + i + "@example.com", Priority.HIGH));
      }
      Fixtures.await("all queued in the lane", () -> queued(client, Priority.HIGH) == 40
          && queued(client, Priority.LOW) == 1);
      channel.release();
      List<Delivery> order = channel.awaitSends(42, WAIT);
      int lowAt = -1;
      for (int i = 0; i < order.size(); i++) {
        if (order.get(i).message().notificationId().equals("low")) {
          lowAt = i;
        }
      }
      // One LOW slot in every 13 of the weighted cycle: LOW goes within the first cycle.
      assertThat(lowAt).isBetween(1, 13);
    }
  }

  private static int queued(NotificationClient client, Priority p) {
    return client.stats().lanes().get("email").queued().get(p);
  }

  @Test
  void statsCountOutcomesAndLatency() {
    RecordingChannel channel = RecordingChannel.builder("email").type(ChannelType.EMAIL)
        .latency(Duration.ofMillis(5)).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).build()) {
      List<SendReceipt> rs = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        rs.add(client.send(email("s-" + i, "u" + i + "@example.com")));
      }
      rs.forEach(Fixtures::finalStatus);
      var stats = client.stats();
      assertThat(stats.lanes().get("email").attempts().get(Outcome.SENT)).isEqualTo(10);
      assertThat(stats.lanes().get("email").finished().get(DeliveryState.SENT)).isEqualTo(10);
      assertThat(stats.latency().count()).isEqualTo(10);
      assertThat(stats.latency().max()).isGreaterThanOrEqualTo(Duration.ofMillis(4));
      assertThat(stats.capacity()).isEqualTo(10_000);
    }
  }
}
