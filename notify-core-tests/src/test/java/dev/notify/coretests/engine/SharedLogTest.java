package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.await;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.LaneOptions;
import dev.notify.policy.RetryPolicy;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.NotificationLog;
import dev.notify.status.DeliveryState;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import dev.notify.testkit.log.ForwardingNotificationLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two clients on one log, as two instances on one database: leases and due times follow the
 * log's clock whatever the instances' clocks say (defect 2), and a receipt's future completes on
 * the instance that accepted the notification whichever instance sends it (defect 4).
 */
class SharedLogTest {

  /** Counts claim calls per owner, so a test knows another instance has really looked. */
  private static final class CountingLog extends ForwardingNotificationLog {
    final Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();

    CountingLog(NotificationLog log) {
      super(log);
    }

    @Override
    public List<ClaimedDelivery> claimDue(String channel, String owner, int limit) {
      claims.computeIfAbsent(owner, o -> new AtomicInteger()).incrementAndGet();
      return super.claimDue(channel, owner, limit);
    }

    int claimsBy(String owner) {
      AtomicInteger n = claims.get(owner);
      return n == null ? 0 : n.get();
    }
  }

  private static NotificationClient client(NotificationLog log, String instance, Clock clock,
      RecordingChannel channel) {
    return NotificationClient.builder().channel(channel).log(log).instanceId(instance).clock(clock)
        .pollInterval(Duration.ofMillis(20)).build();
  }

  @Test
  void anInstanceWhoseClockIsAheadDoesNotTakeALiveClaim() {
    CountingLog log = new CountingLog(InMemoryNotificationLog.create());
    RecordingChannel held = RecordingChannel.builder("email").type(EMAIL).build().hold();
    RecordingChannel other = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient a = client(log, "a", Clock.systemUTC(), held);
        NotificationClient b = client(log, "b",
            Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)), other)) {
      SendReceipt receipt = a.send(email("n1", "ada@example.com"));
      held.awaitSends(1, WAIT);
      // B, six minutes ahead, now polls many times while A's send is in flight.
      int before = log.claimsBy("b");
      await("b polled", () -> log.claimsBy("b") >= before + 10);
      assertThat(other.sendCount()).isZero();
      assertThat(log.find("n1").orElseThrow().deliveries().get(0).owner()).isEqualTo("a");
      held.release();
      assertThat(finalStatus(receipt).isSent()).isTrue();
      assertThat(held.sendCount()).isEqualTo(1);
      assertThat(other.sendCount()).isZero();
      assertThat(b.status("n1").orElseThrow().isSent()).isTrue();
    } finally {
      held.release();
    }
  }

  @Test
  void aClockJumpDoesNotMakeAnInstanceTakeBackItsOwnSendInFlight() {
    ManualTime time = ManualTime.startingAt(T0);
    CountingLog log = new CountingLog(InMemoryNotificationLog.create());
    RecordingChannel held = RecordingChannel.builder("email").type(EMAIL).build().hold();
    try (NotificationClient a = NotificationClient.builder().channel(held).log(log).instanceId("a")
        .clock(time.clock()).scheduler(time)
        .lane("email", LaneOptions.ofDefaults().withAttemptTimeout(Duration.ofHours(1)))
        .build()) {
      a.send(email("n1", "ada@example.com"));
      held.awaitSends(1, WAIT);
      int before = log.claimsBy("a");
      // Six minutes on A's clock (more than the five-minute lease), none on the log's.
      time.advance(Duration.ofMinutes(6));
      await("a polled", () -> log.claimsBy("a") > before);
      assertThat(held.sendCount()).isEqualTo(1);
      held.release();
      await("sent", () -> a.status("n1").orElseThrow().isSent());
      assertThat(held.sendCount()).isEqualTo(1);
    } finally {
      held.release();
      time.close();
    }
  }

  @Test
  void aRetryScheduledByAnInstanceWhoseClockIsAheadIsDueByTheLogsClock() {
    NotificationLog log = InMemoryNotificationLog.create();
    RecordingListener events = new RecordingListener();
    RecordingChannel failing = RecordingChannel.builder("email").type(EMAIL).build()
        .respondWith(DeliveryResult.retryable("try again", null));
    RetryPolicy oneSecond = RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofSeconds(1))
        .jitter(false).build();
    NotificationClient ahead = NotificationClient.builder().channel(failing).log(log)
        .instanceId("ahead").clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)))
        .retryPolicy(oneSecond).listener(events).build();
    ahead.send(email("n1", "ada@example.com"));
    events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, WAIT);
    assertThat(ahead.shutdown(WAIT)).isTrue();

    // The retry is due a second after the failure by the log's clock, not six minutes later.
    RecordingChannel fine = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient onTime = client(log, "on-time", Clock.systemUTC(), fine)) {
      fine.awaitSends(1, WAIT);
      await("sent", () -> onTime.status("n1").orElseThrow().isSent());
    }
  }

  @Test
  void workWaitingInTheLogIsDueAtOnceForAnInstanceWhoseClockIsBehind() {
    NotificationLog log = InMemoryNotificationLog.create();
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build().hold();
    try (NotificationClient behind = NotificationClient.builder().channel(channel).log(log)
        .instanceId("behind").clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)))
        .pollInterval(Duration.ofMillis(20))
        // One at a time in flight and one place queued: the third waits in the log.
        .lane("email", LaneOptions.ofDefaults().withMaxInFlight(1).withQueueCapacity(1))
        .build()) {
      List<SendReceipt> receipts = List.of(behind.send(email("n1", "a@example.com")),
          behind.send(email("n2", "b@example.com")), behind.send(email("n3", "c@example.com")));
      channel.awaitSends(1, WAIT);
      channel.release();
      for (SendReceipt r : receipts) {
        assertThat(finalStatus(r).isSent()).isTrue();
      }
    } finally {
      channel.release();
    }
  }

  @Test
  void aReceiptsFutureCompletesOnTheInstanceThatAcceptedItWhenAnotherSendsIt() {
    NotificationLog log = InMemoryNotificationLog.create();
    RecordingChannel held = RecordingChannel.builder("email").type(EMAIL).build().hold();
    RecordingChannel other = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient a = NotificationClient.builder().channel(held).log(log)
        .instanceId("a").pollInterval(Duration.ofMillis(20))
        .lane("email", LaneOptions.ofDefaults().withMaxInFlight(1).withQueueCapacity(1))
        .build();
        NotificationClient b = client(log, "b", Clock.systemUTC(), other)) {
      a.send(email("n1", "a@example.com"));
      held.awaitSends(1, WAIT);
      a.send(email("n2", "b@example.com"));
      // No room in A's lane: this one waits in the log, and B, with room, sends it.
      SendReceipt third = a.send(email("n3", "c@example.com"));
      assertThat(finalStatus(third).isSent()).isTrue();
      assertThat(other.sends()).extracting(d -> d.message().notificationId()).contains("n3");
      assertThat(b.status("n3").orElseThrow().isSent()).isTrue();
      // The duplicate's future is the same: final, not the state it had when sent again.
      SendReceipt again = a.send(email("n1", "a@example.com"));
      assertThat(again.duplicate()).isTrue();
      assertThat(again.completion()).isNotDone();
      held.release();
      assertThat(finalStatus(again).deliveries().get(0).state()).isEqualTo(DeliveryState.SENT);
    } finally {
      held.release();
    }
  }
}
