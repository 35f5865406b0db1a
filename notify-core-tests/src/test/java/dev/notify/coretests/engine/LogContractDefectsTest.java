package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.await;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.IdempotencyConflictException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.QueueFullException;
import dev.notify.SendReceipt;
import dev.notify.event.DeliveryEvent;
import dev.notify.event.EventType;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.RetryPolicy;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.status.DeliveryState;
import dev.notify.status.Receipt;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import dev.notify.testkit.log.ForwardingNotificationLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One regression test per defect of the log's contract as the engine used it: early receipts
 * (6), a non-atomic {@code sendAll} (8), {@code cancel} racing {@code replay} (10), a blocking
 * listener on the claimer's thread (11), and the receipt futures' bound (4).
 */
class LogContractDefectsTest {

  @Test
  void aReceiptThatOvertakesTheSentCommitIsKeptAndAWebhookDeliveredTwiceIsRecordedOnce() {
    // The provider's report reaches the host's endpoint before the send's own answer.
    FunctionChannel fast = new FunctionChannel("sms", EMAIL, (d, ctx) -> {
      String pid = "pid-" + d.id();
      ctx.receipts().record(pid, new Receipt(Receipt.Kind.DELIVERED, Instant.now(), "handset"));
      return CompletableFuture.completedFuture(DeliveryResult.sent(pid));
    }, () -> { });
    try (NotificationClient client = NotificationClient.builder().channel(fast).build()) {
      SendReceipt r = client.send(email("early", "ada@example.com"));
      assertThat(finalStatus(r).isSent()).isTrue();
      await("receipt attached", () -> !client.status("early").orElseThrow().deliveries().get(0)
          .receipts().isEmpty());
      String pid = client.status("early").orElseThrow().deliveries().get(0).providerMessageId();
      Receipt report = new Receipt(Receipt.Kind.DELIVERED, Instant.parse("2030-01-01T00:00:00Z"),
          "from the web-hook");
      assertThat(client.recordReceipt("sms", pid, report)).isTrue();
      assertThat(client.recordReceipt("sms", pid, report)).isFalse();
      assertThat(client.status("early").orElseThrow().deliveries().get(0).receipts()).hasSize(2);
      // By the delivery's own id, as a provider that echoes the channel's reference reports it.
      Receipt bounce = new Receipt(Receipt.Kind.UNDELIVERED, Instant.parse("2030-01-01T00:01:00Z"),
          "bounced");
      assertThat(client.recordDeliveryReceipt("early/1", bounce)).isTrue();
      assertThat(client.recordDeliveryReceipt("early/1", bounce)).isFalse();
      assertThat(client.recordDeliveryReceipt("nobody/1", bounce)).isFalse();
      assertThat(client.status("early").orElseThrow().deliveries().get(0).receipts()).hasSize(3);
      assertThatThrownBy(() -> client.recordReceipt("fax", pid, report))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no channel named");
    }
  }

  @Test
  void sendAllWithAConflictStoresAndSendsNothingOfTheBatch() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    InMemoryNotificationLog log = InMemoryNotificationLog.create();
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .idempotencyCacheSize(1).build()) {
      finalStatus(client.send(email("taken", "ada@example.com")));
      // Push "taken" out of the one-entry cache so that only the log can see the conflict.
      finalStatus(client.send(email("other", "bob@example.com")));
      List<Notification> batch = List.of(email("fresh-1", "c@example.com"),
          email("taken", "someone-else@example.com"), email("fresh-2", "d@example.com"));
      assertThatThrownBy(() -> client.sendAll(batch))
          .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("taken");
      assertThat(client.status("fresh-1")).isEmpty();
      assertThat(client.status("fresh-2")).isEmpty();
      assertThat(channel.sendCount()).isEqualTo(2);
    }
  }

  @Test
  void sendAllThatRepeatsAnIdWithAnotherPayloadStoresNothing() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).build()) {
      List<Notification> batch = List.of(email("twice", "a@example.com"),
          email("fresh", "b@example.com"), email("twice", "someone-else@example.com"));
      assertThatThrownBy(() -> client.sendAll(batch))
          .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("twice");
      assertThat(client.status("twice")).isEmpty();
      assertThat(client.status("fresh")).isEmpty();
      // The same notification twice in a batch is one notification.
      List<SendReceipt> same = client.sendAll(List.of(email("twice", "a@example.com"),
          email("twice", "a@example.com")));
      assertThat(same).extracting(SendReceipt::duplicate).containsExactly(false, true);
      assertThat(finalStatus(same.get(1)).isSent()).isTrue();
      assertThat(channel.sendCount()).isEqualTo(1);
    }
  }

  @Test
  void sendAllIntoAFullLogStoresNothingOfTheBatch() {
    RecordingChannel held = RecordingChannel.builder("email").type(EMAIL).build().hold();
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(3).build();
    try (NotificationClient client = NotificationClient.builder().channel(held).log(log).build()) {
      client.send(email("first", "a@example.com"));
      List<Notification> batch = List.of(email("b-1", "b@example.com"),
          email("b-2", "c@example.com"), email("b-3", "d@example.com"));
      assertThatThrownBy(() -> client.sendAll(batch)).isInstanceOf(QueueFullException.class)
          .hasMessageContaining("nothing was stored");
      assertThat(log.size()).isEqualTo(1);
      assertThat(client.status("b-1")).isEmpty();
      held.release();
    } finally {
      held.release();
    }
  }

  @Test
  void cancelRightAfterReplayReportsTheCancellation() {
    AtomicBoolean claiming = new AtomicBoolean(true);
    // While claiming is off, the replayed delivery stays in the log, where cancel finds it.
    ForwardingNotificationLog log = new ForwardingNotificationLog(InMemoryNotificationLog.create()) {
      @Override
      public List<ClaimedDelivery> claimDue(String channel, String owner, int limit) {
        return claiming.get() ? super.claimDue(channel, owner, limit) : List.of();
      }
    };
    RecordingListener events = new RecordingListener();
    RecordingChannel failing = RecordingChannel.builder("email").type(EMAIL)
        .respondByDefault(DeliveryResult.retryable("down", null)).build();
    try (NotificationClient client = NotificationClient.builder().channel(failing).log(log)
        .retryPolicy(RetryPolicy.builder().maxAttempts(1).build()).listener(events).build()) {
      finalStatus(client.send(email("dead", "ada@example.com")));
      claiming.set(false);
      assertThat(client.replay("dead")).isPresent();
      assertThat(client.cancel("dead")).isTrue();
      List<DeliveryEvent> cancelled = events.awaitDeliveries(EventType.CANCELLED, 1, WAIT);
      assertThat(cancelled).extracting(DeliveryEvent::notificationId).containsExactly("dead");
      assertThat(client.stats().lanes().get("email").finished()).containsEntry(
          DeliveryState.CANCELLED, 1L);
      assertThat(client.status("dead").orElseThrow().deliveries().get(0).state())
          .isEqualTo(DeliveryState.CANCELLED);
    }
  }

  @Test
  void aBlockingListenerDoesNotStopOtherChannelsRetries() throws Exception {
    CountDownLatch unblock = new CountDownLatch(1);
    List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
    RecordingChannel slowEmail = RecordingChannel.builder("email").type(EMAIL).build()
        .respondWith(DeliveryResult.retryable("once", null));
    RecordingChannel sms = RecordingChannel.builder("sms").type(dev.notify.ChannelType.SMS)
        .build().respondWith(DeliveryResult.retryable("once", null));
    RetryPolicy quick = RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(50))
        .jitter(false).build();
    try (NotificationClient client = NotificationClient.builder().channel(slowEmail).channel(sms)
        .retryPolicy(quick).dispatchers(2).listener(e -> {
          threads.add(Thread.currentThread().getName());
          // The e-mail's retry comes due and is announced QUEUED: this listener hangs on it.
          if (e instanceof DeliveryEvent d && d.type() == EventType.QUEUED && d.attempt() == 1
              && d.channel().equals("email")) {
            try {
              unblock.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
            }
          }
        }).build()) {
      SendReceipt mail = client.send(email("mail", "ada@example.com"));
      slowEmail.awaitSends(1, WAIT);
      SendReceipt text = client.send(Notification.builder().id("text")
          .to(dev.notify.Recipient.phone("+14155550100")).text("hi").build());
      // The SMS retry is claimed and sent while the listener still blocks.
      assertThat(finalStatus(text).isSent()).isTrue();
      assertThat(mail.completion()).isNotDone();
      unblock.countDown();
      assertThat(finalStatus(mail).isSent()).isTrue();
      assertThat(threads).noneMatch(t -> t.startsWith("notify-claimer")
          || t.startsWith("notify-scheduler"));
    } finally {
      unblock.countDown();
    }
  }

  @Test
  void receiptFuturesAreBoundedAndTheNotificationIsSentAnyway() {
    RecordingChannel held = RecordingChannel.builder("email").type(EMAIL).build().hold();
    try (NotificationClient client = NotificationClient.builder().channel(held)
        .maxPendingReceipts(2).build()) {
      SendReceipt a = client.send(email("a", "a@example.com"));
      SendReceipt b = client.send(email("b", "b@example.com"));
      SendReceipt c = client.send(email("c", "c@example.com"));
      assertThat(c.completion()).isCompletedExceptionally();
      assertThatThrownBy(() -> c.completion().join()).hasMessageContaining("status(id)");
      held.release();
      assertThat(finalStatus(a).isSent()).isTrue();
      assertThat(finalStatus(b).isSent()).isTrue();
      await("c sent", () -> client.status("c").orElseThrow().isSent());
    } finally {
      held.release();
    }
  }
}
