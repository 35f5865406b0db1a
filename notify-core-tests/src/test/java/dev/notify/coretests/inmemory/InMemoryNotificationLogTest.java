package dev.notify.coretests.inmemory;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.T0;
import static dev.notify.testkit.log.LogFixtures.claimOne;
import static dev.notify.testkit.log.LogFixtures.delivered;
import static dev.notify.testkit.log.LogFixtures.delivery;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.sent;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Recipient;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.LogFullException;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.status.Receipt;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.NotificationLogCompatibilityKit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit against {@link InMemoryNotificationLog}, plus its bound and its clock;
 * what it remembers of evicted notifications is in {@link EvictedIdsTest}.
 */
class InMemoryNotificationLogTest extends NotificationLogCompatibilityKit {

  private final ManualTime time = ManualTime.startingAt(T0);

  @Override
  protected NotificationLog createLog(Clock clock) {
    return InMemoryNotificationLog.builder().clock(clock).build();
  }

  @Override
  protected Optional<NotificationLog> createBoundedLog(Clock clock, int maxNotifications) {
    return Optional.of(InMemoryNotificationLog.builder().clock(clock)
        .maxNotifications(maxNotifications).build());
  }

  @AfterEach
  void stopTime() {
    time.close();
  }

  private InMemoryNotificationLog bounded(int maxNotifications) {
    return InMemoryNotificationLog.builder().clock(time.clock())
        .maxNotifications(maxNotifications).build();
  }

  private static NotificationRecord queued(String id) {
    return notification(id).delivery(EMAIL, DeliveryState.QUEUED, t(0)).build();
  }

  private static NotificationRecord finished(String id) {
    return notification(id).delivery(EMAIL, DeliveryState.SENT, t(0)).build();
  }

  @Test
  void sizeCountsTheNotificationsHeld() {
    InMemoryNotificationLog log = bounded(10);
    assertThat(log.size()).isZero();

    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    log.append(finished("n2"));
    log.append(queued("n1"));
    assertThat(log.size()).isEqualTo(2);

    time.advance(Duration.ofSeconds(1));
    log.purge(Duration.ZERO);
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  void aFullLogEvictsTheOldestFinishedNotification() {
    Recipient.Address alice = Recipient.email("alice@example.com");
    InMemoryNotificationLog log = bounded(3);
    log.append(notification("pending-oldest").acceptedAt(t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("done-old").to(alice).acceptedAt(t(1))
        .delivery(EMAIL, DeliveryState.DEAD, t(1)).build());
    log.append(notification("done-new").acceptedAt(t(2))
        .delivery(EMAIL, DeliveryState.SENT, t(2)).build());

    assertThat(log.append(notification("n4").acceptedAt(t(3))
        .delivery(EMAIL, DeliveryState.QUEUED, t(3)).build()))
        .isInstanceOf(AppendResult.Appended.class);

    assertThat(log.size()).isEqualTo(3);
    assertThat(log.find("done-old")).isEmpty();
    assertThat(log.find("pending-oldest")).isPresent();
    assertThat(log.find("done-new")).isPresent();
    assertThat(log.find("n4")).isPresent();
    assertThat(log.history(alice.key(), 10)).isEmpty();
    assertThat(log.deadLetters(null, 10)).isEmpty();

    log.append(notification("n5").acceptedAt(t(4)).build());
    assertThat(log.find("done-new")).isEmpty();
    assertThat(log.size()).isEqualTo(3);
  }

  @Test
  void aFullLogWithNothingFinishedRefusesTheAppendAndNamesTheBound() {
    InMemoryNotificationLog log = bounded(2);
    log.append(queued("n1"));
    log.append(notification("n2").delivery(EMAIL, DeliveryState.RETRY_SCHEDULED, t(0))
        .delivery(SMS, DeliveryState.SENT, t(0)).build());

    assertThatThrownBy(() -> log.append(notification("n3").to(Recipient.email("x@example.com"))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build()))
        .isInstanceOf(LogFullException.class)
        .hasMessageContaining("2 notifications")
        .hasMessageContaining("maxNotifications(")
        .hasMessageNotContaining("n3")
        .hasMessageNotContaining("example.com");

    assertThat(log.size()).isEqualTo(2);
    assertThat(log.find("n3")).isEmpty();
    assertThat(log.append(notification("n1").build())).as("a duplicate needs no room")
        .isInstanceOf(AppendResult.Existing.class);
  }

  @Test
  void aFullLogAcceptsAgainOnceANotificationFinishes() {
    InMemoryNotificationLog log = bounded(1);
    log.append(queued("n1"));
    assertThatThrownBy(() -> log.append(notification("n2").build()))
        .isInstanceOf(LogFullException.class);

    log.cancel("n1");

    assertThat(log.append(notification("n2").build())).isInstanceOf(AppendResult.Appended.class);
    assertThat(log.find("n1")).isEmpty();
  }

  @Test
  void aReplayedNotificationIsNoLongerEvictable() {
    InMemoryNotificationLog log = bounded(1);
    log.append(notification("n1").delivery(EMAIL, DeliveryState.DEAD, t(0)).build());
    log.replay("n1");

    assertThatThrownBy(() -> log.append(notification("n2").build()))
        .isInstanceOf(LogFullException.class);
    assertThat(log.find("n1")).isPresent();
  }

  @Test
  void appendAllEvictsAsManyFinishedNotificationsAsItNeeds() {
    InMemoryNotificationLog log = bounded(3);
    log.append(finished("done-1"));
    log.append(finished("done-2"));
    log.append(queued("pending"));

    assertThat(log.appendAll(List.of(queued("n1"), queued("n2")))).containsExactly(
        new AppendResult.Appended(), new AppendResult.Appended());

    assertThat(log.find("done-1")).isEmpty();
    assertThat(log.find("done-2")).isEmpty();
    assertThat(log.size()).isEqualTo(3);
  }

  @Test
  void appendAllNeverEvictsANotificationItNames() {
    InMemoryNotificationLog log = bounded(2);
    log.append(finished("done"));
    log.append(queued("pending"));

    assertThatThrownBy(() -> log.appendAll(List.of(finished("done"), queued("n1"))))
        .as("the only finished notification is the batch's duplicate")
        .isInstanceOf(LogFullException.class)
        .hasMessageContaining("cannot make room for 1 more");

    assertThat(log.find("done")).isPresent();
    assertThat(log.find("n1")).isEmpty();
  }

  @Test
  void appendAllOfNothingIsRefused() {
    InMemoryNotificationLog log = bounded(2);

    assertThatThrownBy(() -> log.appendAll(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("appendAll needs at least one record");
  }

  @Test
  void appendAllWithAMalformedRecordStoresNothing() {
    InMemoryNotificationLog log = bounded(10);
    NotificationRecord malformed = new NotificationRecord(queued("n2").notification(), "h",
        t(0), queued("other").deliveries());

    assertThatThrownBy(() -> log.appendAll(List.of(queued("n1"), malformed)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delivery other/1 names notification other, not n2");
    assertThat(log.size()).isZero();
  }

  @Test
  void theLogsTimeIsItsClock() {
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().clock(time.clock()).build();
    assertThat(log.now()).isEqualTo(T0);

    time.advance(Duration.ofMinutes(3));

    assertThat(log.now()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
  }

  @Test
  void theDefaultClockIsTheSystemClock() {
    Instant before = Instant.now();
    Instant now = InMemoryNotificationLog.create().now();
    Instant after = Instant.now();

    assertThat(now).isBetween(before, after);
  }

  @Test
  void aHeartbeatNeverShortensTheLease() {
    InMemoryNotificationLog log = bounded(10);
    log.append(queued("n1"));
    log.heartbeat("a", Duration.ofMinutes(10));
    claimOne(log, EMAIL, "a");
    log.heartbeat("a", Duration.ofSeconds(1));
    time.advance(Duration.ofMinutes(5));

    assertThat(log.claimDue(EMAIL, "b", 10)).isEmpty();
  }

  @Test
  void aKeptReceiptIsDroppedAfterAnHour() {
    InMemoryNotificationLog log = bounded(10);
    log.append(notification("n1").delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    log.heartbeat("a", Duration.ofHours(2));
    var claimed = claimOne(log, SMS, "a").delivery();
    log.recordReceipt(SMS, "pm-1", delivered(t(0)));
    time.advance(Duration.ofHours(1).plusSeconds(1));
    log.recordReceipt(SMS, "pm-other", delivered(t(3601)));

    sent(log, claimed, "pm-1");

    assertThat(delivery(log, "n1/1").receipts()).isEmpty();
  }

  @Test
  void atMostTenThousandReceiptsAreKeptOldestDroppedFirst() {
    InMemoryNotificationLog log = bounded(10);
    log.append(notification("n1").delivery(SMS, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    log.heartbeat("a", Duration.ofHours(2));
    var first = claimOne(log, SMS, "a").delivery();
    var second = claimOne(log, SMS, "a").delivery();
    Receipt oldest = delivered(t(0));
    Receipt next = delivered(t(1));
    log.recordReceipt(SMS, "pm-oldest", oldest);
    log.recordReceipt(SMS, "pm-next", next);
    for (int i = 0; i < 9_999; i++) {
      log.recordReceipt(SMS, "pm-" + i, delivered(t(2)));
    }

    sent(log, first, "pm-oldest");
    sent(log, second, "pm-next");

    assertThat(delivery(log, first.id()).receipts()).as("pushed out").isEmpty();
    assertThat(delivery(log, second.id()).receipts()).containsExactly(next);
  }

  @Test
  void badArgumentsAreRefusedWithTheValue() {
    InMemoryNotificationLog log = bounded(10);

    assertThatThrownBy(() -> log.heartbeat("a", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("lease must be positive: PT0S");
    assertThatThrownBy(() -> log.purge(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("finishedFor must not be negative: PT-1S");
    assertThatThrownBy(() -> log.claimDue(EMAIL, "a", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must not be negative: -1");
    assertThat(log.claimDue(EMAIL, "a", 0)).isEmpty();
    assertThatThrownBy(() -> InMemoryNotificationLog.builder().clock(null))
        .isInstanceOf(NullPointerException.class).hasMessage("clock");
  }

  @Test
  void theBoundMustBePositive() {
    assertThatThrownBy(() -> InMemoryNotificationLog.builder().maxNotifications(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxNotifications must be positive: 0");
  }

  @Test
  void toStringShowsSizeAndBoundOnly() {
    InMemoryNotificationLog log = bounded(5);
    log.append(notification("n1").to(Recipient.email("alice@example.com")).build());

    assertThat(log).hasToString("InMemoryNotificationLog[size=1, maxNotifications=5]");
  }
}
