package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.claimedWithId;
import static dev.notify.testkit.log.LogFixtures.delivered;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Recipient;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.ReceiptResult;
import dev.notify.status.DeliveryState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#purge}: only notifications whose
 * deliveries have all finished, and that last changed longer ago than the given duration by the
 * log's clock, are removed, and from every index.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class PurgeContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public PurgeContract() {
  }

  @Test
  void purgeRemovesOnlyFinishedNotificationsThatLastChangedLongerAgoThanTheDuration() {
    log.append(notification("old-done").delivery(EMAIL, DeliveryState.SENT, t(0))
        .delivery(SMS, DeliveryState.FAILED, t(0)).build());
    log.append(notification("old-pending").delivery(EMAIL, DeliveryState.SENT, t(0))
        .delivery(SMS, DeliveryState.SCHEDULED, t(500)).build());
    at(10);
    log.append(notification("exactly").delivery(EMAIL, DeliveryState.EXPIRED, t(0)).build());
    at(30);
    log.append(notification("new-done").delivery(EMAIL, DeliveryState.CANCELLED, t(0)).build());
    at(40);

    assertThat(log.purge(Duration.ofSeconds(30))).isEqualTo(1);

    assertThat(log.find("old-done")).isEmpty();
    assertThat(log.find("exactly")).as("finished exactly that long ago").isPresent();
    assertThat(log.find("new-done")).isPresent();
    assertThat(log.find("old-pending")).isPresent();
  }

  @Test
  void purgeCountsByTheLastChangeOfAnyDelivery() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    at(2);
    sent(claimOne(EMAIL, "a").delivery(), "pm-1");
    at(100);
    assertThat(log.purge(Duration.ZERO)).as("one delivery still pending").isZero();
    sent(claimOne(SMS, "a").delivery(), "pm-2");
    at(110);

    assertThat(log.purge(Duration.ofSeconds(10))).isZero();
    at(111);
    assertThat(log.purge(Duration.ofSeconds(10))).isEqualTo(1);
    assertThat(log.find("n1")).isEmpty();
  }

  @Test
  void purgedNotificationsAreGoneFromEveryIndex() {
    Recipient.Address alice = Recipient.email("alice@example.com");
    log.append(notification("n1").to(alice).delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", 10);
    sent(claimedWithId(claimed, "n1/1"), "pm-1");
    dead(claimedWithId(claimed, "n1/2"));
    at(10);

    assertThat(log.purge(Duration.ofSeconds(5))).isEqualTo(1);

    assertThat(log.find("n1")).isEmpty();
    assertThat(log.history(alice.key(), 10)).isEmpty();
    assertThat(log.deadLetters(null, 10)).isEmpty();
    assertThat(log.deadLetters(EMAIL, 10)).isEmpty();
    assertThat(log.recordReceiptFor("n1/1", delivered(t(11))))
        .isEqualTo(new ReceiptResult.Unknown());
    assertThat(log.recordReceipt(EMAIL, "pm-1", delivered(t(11))))
        .isInstanceOf(ReceiptResult.Kept.class);
    assertThat(log.replay("n1")).isEmpty();
    assertThat(log.claimDue(EMAIL, "a", 10)).isEmpty();
    assertThat(log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(20))
        .build())).as("the id is free again").isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void purgeOfAnEmptyLogRemovesNothing() {
    at(1000);
    assertThat(log.purge(Duration.ZERO)).isZero();
  }
}
