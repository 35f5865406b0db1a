package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.IdempotencyConflictException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.testkit.RecordingChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

  @Test
  void sameIdFromEightThreadsIsDeliveredOnce() throws Exception {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).build()) {
      Notification n = email("order-1-shipped", "ada@example.com");
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<SendReceipt>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          List<SendReceipt> mine = new ArrayList<>();
          for (int i = 0; i < 1_000; i++) {
            mine.add(client.send(n));
          }
          return mine;
        }));
      }
      start.countDown();
      List<SendReceipt> all = new ArrayList<>();
      for (Future<List<SendReceipt>> f : futures) {
        all.addAll(f.get());
      }
      pool.shutdown();

      assertThat(all).hasSize(8_000);
      assertThat(all).filteredOn(r -> !r.duplicate()).hasSize(1);
      assertThat(all).filteredOn(SendReceipt::duplicate).hasSize(7_999);
      SendReceipt original = all.stream().filter(r -> !r.duplicate()).findFirst().orElseThrow();
      assertThat(finalStatus(original).isSent()).isTrue();
      assertThat(channel.sendCount()).isEqualTo(1);
    }
  }

  @Test
  void sameIdWithAnotherPayloadIsAConflict() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).build()) {
      client.send(email("welcome-7", "ada@example.com"));
      Notification changed = email("welcome-7", "ada@example.com").toBuilder().text("Other text")
          .build();
      assertThatThrownBy(() -> client.send(changed))
          .isInstanceOf(IdempotencyConflictException.class)
          .hasMessageContaining("welcome-7");
    }
  }

  @Test
  void conflictIsFoundInTheLogWhenTheCacheHasNeverSeenTheId() {
    InMemoryNotificationLog log = InMemoryNotificationLog.create();
    RecordingChannel first = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(first).log(log).build()) {
      finalStatus(client.send(email("invoice-9", "ada@example.com")));
    }
    RecordingChannel second = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(second).log(log).build()) {
      SendReceipt again = client.send(email("invoice-9", "ada@example.com"));
      assertThat(again.duplicate()).isTrue();
      assertThat(again.completion()).isCompleted();
      assertThatThrownBy(() -> client.send(email("invoice-9", "bob@example.com")))
          .isInstanceOf(IdempotencyConflictException.class);
      assertThat(second.sendCount()).isZero();
    }
  }

  @Test
  void duplicateReceiptSharesTheOriginalCompletion() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build().hold();
    try (NotificationClient client = NotificationClient.builder().channel(channel).build()) {
      SendReceipt first = client.send(email("n-1", "ada@example.com"));
      SendReceipt second = client.send(email("n-1", "ada@example.com"));
      assertThat(second.duplicate()).isTrue();
      assertThat(second.completion()).isSameAs(first.completion());
      channel.release();
      assertThat(finalStatus(second).isSent()).isTrue();
    }
  }
}
