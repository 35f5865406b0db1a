package dev.notify.coretests.inmemory;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Recipient;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.LogFullException;
import dev.notify.spi.log.NotificationLog;
import dev.notify.status.DeliveryState;
import dev.notify.testkit.NotificationLogCompatibilityKit;
import org.junit.jupiter.api.Test;

/** The compatibility kit against {@link InMemoryNotificationLog}, plus its bound. */
class InMemoryNotificationLogTest extends NotificationLogCompatibilityKit {

  @Override
  protected NotificationLog createLog() {
    return InMemoryNotificationLog.create();
  }

  @Test
  void sizeCountsTheNotificationsHeld() {
    InMemoryNotificationLog log = InMemoryNotificationLog.create();
    assertThat(log.size()).isZero();

    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("n2").delivery(EMAIL, DeliveryState.SENT, t(0)).build());
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    assertThat(log.size()).isEqualTo(2);

    log.purge(t(1));
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  void aFullLogEvictsTheOldestFinishedNotification() {
    Recipient.Address alice = Recipient.email("alice@example.com");
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(3).build();
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
  void anEvictedIdIsNoLongerDeduplicated() {
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(1).build();
    log.append(notification("n1").delivery(EMAIL, DeliveryState.SENT, t(0)).build());
    log.append(notification("n2").delivery(EMAIL, DeliveryState.SENT, t(1)).build());

    assertThat(log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(2)).build()))
        .isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void aFullLogWithNothingFinishedRefusesTheAppendAndNamesTheBound() {
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(2).build();
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
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
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(1).build();
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    assertThatThrownBy(() -> log.append(notification("n2").build()))
        .isInstanceOf(LogFullException.class);

    log.cancel("n1", t(1));

    assertThat(log.append(notification("n2").build())).isInstanceOf(AppendResult.Appended.class);
    assertThat(log.find("n1")).isEmpty();
  }

  @Test
  void aReplayedNotificationIsNoLongerEvictable() {
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(1).build();
    log.append(notification("n1").delivery(EMAIL, DeliveryState.DEAD, t(0)).build());
    log.replay("n1", t(1));

    assertThatThrownBy(() -> log.append(notification("n2").build()))
        .isInstanceOf(LogFullException.class);
    assertThat(log.find("n1")).isPresent();
  }

  @Test
  void theBoundMustBePositive() {
    assertThatThrownBy(() -> InMemoryNotificationLog.builder().maxNotifications(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxNotifications must be positive: 0");
  }

  @Test
  void toStringShowsSizeAndBoundOnly() {
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().maxNotifications(5).build();
    log.append(notification("n1").to(Recipient.email("alice@example.com")).build());

    assertThat(log).hasToString("InMemoryNotificationLog[size=1, maxNotifications=5]");
  }
}
