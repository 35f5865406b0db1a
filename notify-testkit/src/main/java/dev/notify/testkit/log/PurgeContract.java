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
import dev.notify.status.DeliveryState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#purge}: only notifications whose
 * deliveries have all finished, and that last changed before the instant, are removed, and from
 * every index.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class PurgeContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public PurgeContract() {
  }

  @Test
  void purgeRemovesOnlyFinishedNotificationsThatLastChangedBeforeTheInstant() {
    log.append(notification("old-done").delivery(EMAIL, DeliveryState.SENT, t(0))
        .delivery(SMS, DeliveryState.FAILED, t(0)).updatedAt(t(10)).build());
    log.append(notification("new-done").delivery(EMAIL, DeliveryState.CANCELLED, t(0))
        .updatedAt(t(50)).build());
    log.append(notification("at-instant").delivery(EMAIL, DeliveryState.EXPIRED, t(0))
        .updatedAt(t(20)).build());
    log.append(notification("old-pending").delivery(EMAIL, DeliveryState.SENT, t(0))
        .delivery(SMS, DeliveryState.SCHEDULED, t(500)).updatedAt(t(5)).build());

    assertThat(log.purge(t(20))).isEqualTo(1);

    assertThat(log.find("old-done")).isEmpty();
    assertThat(log.find("new-done")).isPresent();
    assertThat(log.find("at-instant")).as("not before the instant").isPresent();
    assertThat(log.find("old-pending")).isPresent();
  }

  @Test
  void purgeCountsByTheLastChangeOfAnyDelivery() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    sent(claimOne(EMAIL, "a", t(1)).delivery(), "pm-1", t(2));
    assertThat(log.purge(t(100))).as("one delivery still pending").isZero();
    sent(claimOne(SMS, "a", t(30)).delivery(), "pm-2", t(40));

    assertThat(log.purge(t(40))).isZero();
    assertThat(log.purge(t(41))).isEqualTo(1);
    assertThat(log.find("n1")).isEmpty();
  }

  @Test
  void purgedNotificationsAreGoneFromEveryIndex() {
    Recipient.Address alice = Recipient.email("alice@example.com");
    log.append(notification("n1").to(alice).delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", t(1), t(31), 10);
    sent(claimedWithId(claimed, "n1/1"), "pm-1", t(2));
    dead(claimedWithId(claimed, "n1/2"), t(3));

    assertThat(log.purge(t(10))).isEqualTo(1);

    assertThat(log.find("n1")).isEmpty();
    assertThat(log.history(alice.key(), 10)).isEmpty();
    assertThat(log.deadLetters(null, 10)).isEmpty();
    assertThat(log.deadLetters(EMAIL, 10)).isEmpty();
    assertThat(log.recordReceipt("pm-1", delivered(t(11)))).isEmpty();
    assertThat(log.replay("n1", t(11))).isZero();
    assertThat(log.claimDue(EMAIL, "a", t(100), t(130), 10)).isEmpty();
    assertThat(log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(20))
        .build())).as("the id is free again").isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void purgeOfAnEmptyLogRemovesNothing() {
    assertThat(log.purge(t(1000))).isZero();
  }
}
