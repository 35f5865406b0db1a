package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.Channel;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryAndShutdownTest {

  private static NotificationRecord claimedBy(String id, String owner, DeliveryState state) {
    Notification n = email(id, id + "@example.com");
    DeliveryRecord d = DeliveryRecord.create(id + "/1", id, "email",
        Recipient.email(id + "@example.com"), Priority.NORMAL, state, T0.minusSeconds(60), owner,
        T0.minusSeconds(60));
    return new NotificationRecord(n, "hash-" + id, T0.minusSeconds(60), List.of(d));
  }

  @Test
  void recoveryTakesBackExpiredLeasesOnly() {
    ManualTime time = ManualTime.startingAt(T0);
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().clock(time.clock()).build();
    // The other instance's lease lives five more minutes; the dead one's has expired.
    log.heartbeat("other-instance", Duration.ofMinutes(5));
    log.heartbeat("dead-instance", Duration.ofSeconds(1));
    log.append(claimedBy("live", "other-instance", DeliveryState.QUEUED));
    log.append(claimedBy("orphan", "dead-instance", DeliveryState.SENDING));
    time.advance(Duration.ofSeconds(1));
    RecordingListener events = new RecordingListener();
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .clock(time.clock()).scheduler(time).listener(events).build()) {
      assertThat(events.awaitDeliveries(EventType.SENT, 1, WAIT).get(0).notificationId())
          .isEqualTo("orphan");
      time.advance(Duration.ofMinutes(3));
      assertThat(client.status("live").orElseThrow().deliveries().get(0).state())
          .isEqualTo(DeliveryState.QUEUED);
      assertThat(channel.sends()).extracting(d -> d.message().notificationId())
          .containsExactly("orphan");

      // The other instance's lease ends five minutes after its heartbeat.
      time.advance(Duration.ofMinutes(2));
      assertThat(events.awaitDeliveries(EventType.SENT, 2, WAIT).get(1).notificationId()).isEqualTo("live");
    } finally {
      time.close();
    }
  }

  @Test
  void aRestartOnTheSameLogDeliversWhatTheFirstInstanceLeftBehind() {
    ManualTime time = ManualTime.startingAt(T0);
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().clock(time.clock()).build();
    RecordingChannel stuck = RecordingChannel.builder("email").type(EMAIL).build().hold();
    NotificationClient first = NotificationClient.builder().channel(stuck).log(log)
        .clock(time.clock()).scheduler(time)
        .lane("email", LaneOptions.ofDefaults().withMaxInFlight(1)).build();
    for (int i = 0; i < 3; i++) {
      first.send(email("left-" + i, "u" + i + "@example.com"));
    }
    // Two dispatchers may hand the three to the lane in any order: follow the one that went out.
    String inFlight = stuck.awaitSends(1, WAIT).get(0).message().notificationId();
    List<String> neverStarted = new ArrayList<>(List.of("left-0", "left-1", "left-2"));
    neverStarted.remove(inFlight);
    assertThat(first.shutdown(Duration.ofMillis(50))).isFalse();
    // The delivery in flight keeps its claim until the first instance's lease expires; the two
    // that never started went back to the log.
    assertThat(log.find(inFlight).orElseThrow().deliveries().get(0).state())
        .isEqualTo(DeliveryState.SENDING);
    for (String id : neverStarted) {
      assertThat(log.find(id).orElseThrow().deliveries().get(0).owner()).isNull();
    }

    RecordingListener events = new RecordingListener();
    RecordingChannel fresh = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient second = NotificationClient.builder().channel(fresh).log(log)
        .clock(time.clock()).scheduler(time).listener(events).build()) {
      events.awaitDeliveries(EventType.SENT, 2, WAIT);
      assertThat(fresh.sends()).extracting(d -> d.message().notificationId())
          .containsExactlyInAnyOrderElementsOf(neverStarted);
      time.advance(Duration.ofMinutes(5));
      events.awaitDeliveries(EventType.SENT, 3, WAIT);
      assertThat(second.status(inFlight).orElseThrow().isSent()).isTrue();
    } finally {
      stuck.release();
      time.close();
    }
  }

  @Test
  void shutdownDrainsWorkInFlight() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL)
        .latency(Duration.ofMillis(20)).build();
    InMemoryNotificationLog log = InMemoryNotificationLog.create();
    NotificationClient client = NotificationClient.builder().channel(channel).log(log).build();
    List<SendReceipt> receipts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      receipts.add(client.send(email("d-" + i, "u" + i + "@example.com")));
    }
    assertThat(client.shutdown(WAIT)).isTrue();
    for (SendReceipt r : receipts) {
      assertThat(log.find(r.id()).orElseThrow().deliveries().get(0).state())
          .isEqualTo(DeliveryState.SENT);
    }
    assertThat(channel.isClosed()).isTrue();
    assertThatThrownBy(() -> client.send(email("late", "x@example.com")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("shut down");
  }

  @Test
  void aListenerThatThrowsDoesNotStopDeliveryAndNoListenerRunsOnTheProvidersThread() {
    List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
    RecordingChannel inner = RecordingChannel.builder("email").type(EMAIL).build();
    // A provider that completes its futures on its own I/O thread, as Netty does.
    java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor(
        r -> new Thread(r, "provider-io"));
    Channel async = new FunctionChannel("email", EMAIL,
        (d, ctx) -> java.util.concurrent.CompletableFuture.supplyAsync(
            () -> inner.send(d, ctx).toCompletableFuture().join(), io), io::shutdown);
    try (NotificationClient client = NotificationClient.builder().channel(async)
        .listener(e -> {
          threads.add(Thread.currentThread().getName());
          throw new IllegalStateException("listener bug");
        }).build()) {
      SendReceipt r = client.send(email("l-1", "ada@example.com"));
      assertThat(finalStatus(r).isSent()).isTrue();
    }
    assertThat(threads).isNotEmpty().noneMatch(name -> name.startsWith("provider-io"));
  }
}
