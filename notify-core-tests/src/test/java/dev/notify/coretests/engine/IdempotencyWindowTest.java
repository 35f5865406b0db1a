package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.IdempotencyConflictException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.Backpressure;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deduplication lasts the idempotency window even when the id has left both the client's cache
 * and the bounded in-memory log: the log remembers the ids it evicted.
 */
class IdempotencyWindowTest {

  /** Sends and finishes {@code count} notifications {@code order-0 …}, one at a time. */
  private static void sendAndFinish(NotificationClient client, int count) {
    for (int i = 0; i < count; i++) {
      finalStatus(client.send(email("order-" + i, "ada@example.com")));
    }
  }

  private static long sendsOf(RecordingChannel channel, String id) {
    return channel.sends().stream().filter(d -> d.message().notificationId().equals(id)).count();
  }

  @Test
  void anIdEvictedFromTheLogAndTheCacheIsStillADuplicate() throws Exception {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(10).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .idempotencyCacheSize(1).build()) {
      sendAndFinish(client, 25);
      assertThat(log.find("order-0")).as("evicted").isEmpty();

      SendReceipt again = client.send(email("order-0", "ada@example.com"));

      assertThat(again.duplicate()).isTrue();
      assertThatThrownBy(() -> again.completion().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("no longer in the log");
      assertThat(sendsOf(channel, "order-0")).isEqualTo(1);
      assertThat(channel.sendCount()).isEqualTo(25);
      assertThat(log.find("order-0")).isEmpty();
    }
  }

  @Test
  void anIdEvictedFromTheLogAndTheCacheWithAnotherPayloadIsAConflict() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(10).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .idempotencyCacheSize(1).build()) {
      sendAndFinish(client, 25);

      assertThatThrownBy(() -> client.send(email("order-0", "bob@example.com")))
          .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("order-0");
      List<Notification> batch = List.of(email("fresh", "c@example.com"),
          email("order-1", "ada@example.com").toBuilder().text("Other text").build());
      assertThatThrownBy(() -> client.sendAll(batch))
          .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("order-1");
      assertThat(client.status("fresh")).as("nothing of the batch was stored").isEmpty();
      assertThat(channel.sendCount()).isEqualTo(25);
    }
  }

  @Test
  void withoutTheLogsMemoryOfEvictedIdsTheIdWouldBeSentAgain() {
    // The same sends as above, on a log told to forget evicted ids at once: this is what the
    // tombstones prevent, and it shows that the one-entry cache has forgotten the id too.
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(10)
        .rememberEvictedIdsFor(Duration.ZERO).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .idempotencyCacheSize(1).build()) {
      sendAndFinish(client, 25);

      SendReceipt again = client.send(email("order-0", "ada@example.com"));

      assertThat(again.duplicate()).isFalse();
      finalStatus(again);
      assertThat(sendsOf(channel, "order-0")).isEqualTo(2);
    }
  }

  @Test
  void theClientsOwnLogRemembersEvictedIdsForTheIdempotencyWindow() {
    int bound = InMemoryNotificationLog.DEFAULT_MAX_NOTIFICATIONS;
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    try (ManualTime time = ManualTime.startingAt(T0);
        NotificationClient client = NotificationClient.builder().channel(channel)
            .clock(time.clock()).scheduler(time).idempotencyWindow(Duration.ofHours(1))
            .idempotencyCacheSize(1).backpressure(Backpressure.block(WAIT)).build()) {
      List<SendReceipt> receipts = new ArrayList<>(bound);
      for (int i = 0; i < bound; i++) {
        receipts.add(client.send(email("order-" + i, "ada@example.com")));
      }
      receipts.forEach(Fixtures::finalStatus);
      client.send(email("evicts-order-0", "ada@example.com"));
      assertThat(client.status("order-0")).as("evicted").isEmpty();
      assertThat(client.send(email("order-0", "ada@example.com")).duplicate()).isTrue();

      // A conflict leaves the cache alone, so that only the log answers after the window
      time.advance(Duration.ofHours(1));
      assertThatThrownBy(() -> client.send(email("order-0", "bob@example.com")))
          .as("an hour after the eviction").isInstanceOf(IdempotencyConflictException.class);

      time.advance(Duration.ofMillis(1));
      SendReceipt afterTheWindow = client.send(email("order-0", "ada@example.com"));
      assertThat(afterTheWindow.duplicate()).as("remembered for the window, not a day").isFalse();
      finalStatus(afterTheWindow);
      assertThat(sendsOf(channel, "order-0")).isEqualTo(2);
    }
  }
}
