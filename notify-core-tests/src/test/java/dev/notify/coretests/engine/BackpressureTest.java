package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.NotificationClient;
import dev.notify.QueueFullException;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.Backpressure;
import dev.notify.policy.LaneOptions;
import dev.notify.policy.RetryPolicy;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BackpressureTest {

  @Test
  void rejectOnAFullQueueStoresNothingAndLeavesTheIdFree() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build().hold();
    try (NotificationClient client = NotificationClient.builder().channel(channel).capacity(2)
        .backpressure(Backpressure.reject()).build()) {
      SendReceipt a = client.send(email("a", "a@example.com"));
      SendReceipt b = client.send(email("b", "b@example.com"));

      assertThatThrownBy(() -> client.send(email("c", "c@example.com")))
          .isInstanceOf(QueueFullException.class)
          .hasMessageContaining("REJECT");
      assertThat(client.status("c")).isEmpty();

      channel.release();
      // Room comes back when the accepted work has finished.
      finalStatus(a);
      finalStatus(b);
      SendReceipt retried = client.send(email("c", "c@example.com"));
      assertThat(retried.duplicate()).isFalse();
      assertThat(finalStatus(retried).isSent()).isTrue();
    }
  }

  @Test
  void rejectBoundsTheWorkAcceptedAndNotFinishedWhenTheProviderStalls() {
    ManualTime time = ManualTime.startingAt(Fixtures.T0);
    // Every attempt fails and is retried a minute later: the work leaves memory for the log.
    RecordingChannel stalled = RecordingChannel.builder("email").type(EMAIL).build()
        .respondByDefault(DeliveryResult.retryable("provider stalled", Duration.ofMinutes(1)));
    RecordingListener events = new RecordingListener();
    try (NotificationClient client = NotificationClient.builder().channel(stalled).capacity(100)
        .backpressure(Backpressure.reject()).clock(time.clock()).scheduler(time)
        .retryPolicy(RetryPolicy.builder().maxAttempts(10).jitter(false).build())
        .listener(events).build()) {
      List<SendReceipt> accepted = new ArrayList<>();
      int rejected = 0;
      for (int i = 0; i < 5_000; i++) {
        try {
          accepted.add(client.send(email("s-" + i, "u" + i + "@example.com")));
        } catch (QueueFullException e) {
          assertThat(e).hasMessageContaining("accepted and not finished");
          rejected++;
        }
        if (i == 200) {
          // By now the first hundred have failed once and wait in the log for their retry.
          events.awaitDeliveries(EventType.RETRY_SCHEDULED, 100, WAIT);
        }
      }
      assertThat(accepted).hasSize(100);
      assertThat(rejected).isEqualTo(4_900);
      assertThat(client.stats().inMemory()).isZero();

      // The provider recovers: the retries go out, and the room comes back with them.
      stalled.respondByDefault(DeliveryResult.sent("ok"));
      time.advance(Duration.ofMinutes(1));
      for (SendReceipt r : accepted) {
        assertThat(finalStatus(r).isSent()).isTrue();
      }
      assertThat(finalStatus(client.send(email("after", "late@example.com"))).isSent()).isTrue();
    } finally {
      time.close();
    }
  }

  @Test
  void blockWaitsForRoomAndGivesUpAfterItsTimeout() throws Exception {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build().hold();
    try (NotificationClient client = NotificationClient.builder().channel(channel).capacity(1)
        .backpressure(Backpressure.block(Duration.ofMillis(50))).build()) {
      client.send(email("a", "a@example.com"));
      assertThatThrownBy(() -> client.send(email("b", "b@example.com")))
          .isInstanceOf(QueueFullException.class)
          .hasMessageContaining("BLOCK");
      assertThat(client.status("b")).isEmpty();
      channel.release();
    }
    RecordingChannel slow = RecordingChannel.builder("email").type(EMAIL).build().hold();
    try (NotificationClient client = NotificationClient.builder().channel(slow).capacity(1)
        .backpressure(Backpressure.block(WAIT)).build()) {
      client.send(email("a", "a@example.com"));
      CompletableFuture<SendReceipt> blocked = client.sendAsync(email("b", "b@example.com"));
      slow.awaitSends(1, WAIT);
      assertThat(blocked).isNotDone();
      slow.release();
      assertThat(finalStatus(blocked.get()).isSent()).isTrue();
    }
  }

  @Test
  void spillKeepsEverythingWhenTenTimesTheCapacityIsSent() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    RecordingListener events = new RecordingListener();
    try (NotificationClient client = NotificationClient.builder().channel(channel).capacity(100)
        .lane("email", LaneOptions.ofDefaults().withQueueCapacity(20).withMaxInFlight(8))
        .backpressure(Backpressure.spill()).listener(events).build()) {
      List<SendReceipt> receipts = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        receipts.add(client.send(email("spill-" + i, "user" + i + "@example.com")));
      }
      events.await(EventType.SENT, 1_000, WAIT);
      for (SendReceipt r : receipts) {
        assertThat(finalStatus(r).isSent()).isTrue();
      }
      Set<String> sentIds = new HashSet<>();
      for (Delivery d : channel.sends()) {
        assertThat(sentIds.add(d.id())).as("sent once: %s", d.id()).isTrue();
      }
      assertThat(sentIds).hasSize(1_000);
    }
  }

  @Test
  void spillRejectsWhenTheLogItselfIsFull() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build().hold();
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(5).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).capacity(1)
        .log(log).backpressure(Backpressure.spill()).build()) {
      for (int i = 0; i < 5; i++) {
        client.send(email("s-" + i, "u" + i + "@example.com"));
      }
      assertThatThrownBy(() -> client.send(email("s-5", "u5@example.com")))
          .isInstanceOf(QueueFullException.class)
          .hasMessageContaining("log is full");
      assertThat(client.status("s-5")).isEmpty();
      channel.release();
    }
  }

  @Test
  void batchOverTheFreeRoomIsRejectedWhole() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build().hold();
    try (NotificationClient client = NotificationClient.builder().channel(channel).capacity(3)
        .build()) {
      client.send(email("a", "a@example.com"));
      assertThatThrownBy(() -> client.sendAll(List.of(email("b", "b@example.com"),
          email("c", "c@example.com"), email("d", "d@example.com"))))
          .isInstanceOf(QueueFullException.class);
      assertThat(client.status("b")).isEmpty();
      assertThat(client.status("c")).isEmpty();
      channel.release();
    }
  }
}
