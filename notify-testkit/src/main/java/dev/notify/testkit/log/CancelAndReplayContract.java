package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.assertSameRecord;
import static dev.notify.testkit.log.LogFixtures.failure;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#cancel} and
 * {@link dev.notify.spi.log.NotificationLog#replay}: cancel ends what has not started and breaks the
 * holder's fence; replay puts DEAD deliveries back in the queue with their history.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class CancelAndReplayContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public CancelAndReplayContract() {
  }

  @Test
  void cancelCancelsScheduledQueuedAndRetryScheduledDeliveriesWhoeverHoldsThem() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.SCHEDULED, t(60))
        .delivery(EMAIL, DeliveryState.RETRY_SCHEDULED, t(60))
        .claimedDelivery(EMAIL, DeliveryState.QUEUED, t(0), "a", t(30))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    DeliveryRecord held = delivery("n1/3");

    assertThat(log.cancel("n1", t(5))).isEqualTo(4);

    for (DeliveryRecord d : log.find("n1").orElseThrow().deliveries()) {
      assertThat(d.state()).isEqualTo(DeliveryState.CANCELLED);
      assertThat(d.owner()).isNull();
      assertThat(d.updatedAt()).isEqualTo(t(5));
    }
    assertThat(delivery("n1/3").leaseSeq()).isGreaterThan(held.leaseSeq());
    assertThat(log.claimDue(EMAIL, "b", t(100), t(130), 10)).isEmpty();
    assertThat(log.claimDue(SMS, "b", t(100), t(130), 10)).isEmpty();
  }

  @Test
  void cancelBreaksTheHoldersFence() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    Fence fence = claimOne(EMAIL, "a", t(1)).delivery().fence().orElseThrow();

    log.cancel("n1", t(2));

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.sending(t(3)))).isFalse();
    assertThat(log.renew(Map.of("n1/1", fence), t(60))).containsExactly("n1/1");
    assertThat(delivery("n1/1").state()).isEqualTo(DeliveryState.CANCELLED);
  }

  @Test
  void cancelLeavesSendingAndTerminalDeliveriesAlone() {
    log.append(notification("n1")
        .claimedDelivery(EMAIL, DeliveryState.SENDING, t(0), "a", t(30))
        .delivery(EMAIL, DeliveryState.SENT, t(0))
        .delivery(EMAIL, DeliveryState.DEAD, t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    NotificationRecord before = log.find("n1").orElseThrow();

    assertThat(log.cancel("n1", t(5))).isEqualTo(1);

    NotificationRecord after = log.find("n1").orElseThrow();
    assertThat(after.deliveries().subList(0, 3)).isEqualTo(before.deliveries().subList(0, 3));
    assertThat(after.deliveries().get(3).state()).isEqualTo(DeliveryState.CANCELLED);
    Fence sending = before.deliveries().get(0).fence().orElseThrow();
    assertThat(log.transition("n1/1", sending,
        DeliveryUpdate.sent(new Attempt(1, t(6), Outcome.SENT, null, "pm-1")))).isTrue();
  }

  @Test
  void cancelOfAnUnknownNotificationCancelsNothing() {
    assertThat(log.cancel("unknown", t(0))).isZero();
  }

  @Test
  void replayPutsDeadDeliveriesBackToQueuedUnclaimedDueNowWithTheirHistory() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.FAILED, t(0)).build());
    DeliveryRecord claimed = claimOne(EMAIL, "a", t(1)).delivery();
    Attempt first = failure(1, t(2));
    Attempt last = failure(2, t(3));
    Fence fence = claimed.fence().orElseThrow();
    log.transition("n1/1", fence, new DeliveryUpdate(DeliveryState.QUEUED, first, true, null,
        false, first.error(), null, first.at()));
    log.transition("n1/1", fence, DeliveryUpdate.failed(DeliveryState.DEAD, last, "gave up"));
    DeliveryRecord dead = delivery("n1/1");
    assertThat(dead.attemptCount()).isEqualTo(2);

    assertThat(log.replay("n1", t(100))).isEqualTo(1);

    DeliveryRecord replayed = delivery("n1/1");
    assertThat(replayed.state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(replayed.owner()).isNull();
    assertThat(replayed.leaseUntil()).isNull();
    assertThat(replayed.dueAt()).isEqualTo(t(100));
    assertThat(replayed.attemptCount()).isZero();
    assertThat(replayed.attempts()).containsExactly(first, last);
    assertThat(replayed.leaseSeq()).isGreaterThan(dead.leaseSeq());
    assertThat(delivery("n1/2").state()).as("only DEAD is replayed")
        .isEqualTo(DeliveryState.FAILED);
  }

  @Test
  void aReplayedDeliveryIsClaimedAgain() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.DEAD, t(0)).build());
    assertThat(log.claimDue(EMAIL, "a", t(10), t(40), 10)).isEmpty();

    log.replay("n1", t(10));

    ClaimedDelivery again = claimOne(EMAIL, "a", t(10));
    assertThat(again.delivery().id()).isEqualTo("n1/1");
    assertThat(again.delivery().state()).isEqualTo(DeliveryState.QUEUED);
  }

  @Test
  void replayLeavesOtherStatesAlone() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.SENT, t(0)).delivery(EMAIL, DeliveryState.CANCELLED, t(0))
        .build());
    NotificationRecord before = log.find("n1").orElseThrow();

    assertThat(log.replay("n1", t(5))).isZero();
    assertThat(log.replay("unknown", t(5))).isZero();

    assertSameRecord(log.find("n1").orElseThrow(), before);
  }
}
