package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.assertSameRecord;
import static dev.notify.testkit.log.LogFixtures.failure;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.sentAttempt;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#cancel} and
 * {@link dev.notify.spi.log.NotificationLog#replay}: cancel ends what has not started and breaks
 * the holder's fence; replay puts DEAD deliveries back in the queue with their history; each
 * returns the deliveries it changed, as they are after the change.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class CancelAndReplayContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public CancelAndReplayContract() {
  }

  @BeforeEach
  void ownersAreLive() {
    heartbeat("a", "b");
  }

  @Test
  void cancelCancelsScheduledQueuedAndRetryScheduledDeliveriesWhoeverHoldsThem() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.SCHEDULED, t(60))
        .delivery(EMAIL, DeliveryState.RETRY_SCHEDULED, t(60))
        .claimedDelivery(EMAIL, DeliveryState.QUEUED, t(0), "a")
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    DeliveryRecord held = delivery("n1/3");
    at(5);

    List<DeliveryRecord> cancelled = log.cancel("n1");

    assertThat(cancelled).extracting(DeliveryRecord::id)
        .containsExactlyInAnyOrder("n1/1", "n1/2", "n1/3", "n1/4");
    assertThat(cancelled).as("as they are now")
        .containsExactlyInAnyOrderElementsOf(log.find("n1").orElseThrow().deliveries());
    for (DeliveryRecord d : cancelled) {
      assertThat(d.state()).isEqualTo(DeliveryState.CANCELLED);
      assertThat(d.owner()).isNull();
      assertThat(d.updatedAt()).isEqualTo(t(5));
    }
    assertThat(delivery("n1/3").leaseSeq()).isGreaterThan(held.leaseSeq());
    at(100);
    assertThat(log.claimDue(EMAIL, "b", 10)).isEmpty();
    assertThat(log.claimDue(SMS, "b", 10)).isEmpty();
  }

  @Test
  void cancelBreaksTheHoldersFence() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    Fence fence = claimOne(EMAIL, "a").delivery().fence().orElseThrow();

    assertThat(log.cancel("n1")).hasSize(1);

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.sending())).isFalse();
    assertThat(delivery("n1/1").state()).isEqualTo(DeliveryState.CANCELLED);
  }

  @Test
  void cancelLeavesSendingAndTerminalDeliveriesAlone() {
    log.append(notification("n1")
        .claimedDelivery(EMAIL, DeliveryState.SENDING, t(0), "a")
        .delivery(EMAIL, DeliveryState.SENT, t(0))
        .delivery(EMAIL, DeliveryState.DEAD, t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    NotificationRecord before = log.find("n1").orElseThrow();

    assertThat(log.cancel("n1")).extracting(DeliveryRecord::id).containsExactly("n1/4");

    NotificationRecord after = log.find("n1").orElseThrow();
    assertThat(after.deliveries().subList(0, 3)).isEqualTo(before.deliveries().subList(0, 3));
    assertThat(after.deliveries().get(3).state()).isEqualTo(DeliveryState.CANCELLED);
    Fence sending = before.deliveries().get(0).fence().orElseThrow();
    assertThat(log.transition("n1/1", sending,
        DeliveryUpdate.sent(sentAttempt(1, t(6), "pm-1")))).isTrue();
  }

  @Test
  void cancelOfAnUnknownOrFinishedNotificationCancelsNothing() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.SENT, t(0)).build());

    assertThat(log.cancel("unknown")).isEmpty();
    assertThat(log.cancel("n1")).isEmpty();
  }

  @Test
  void replayPutsDeadDeliveriesBackToQueuedUnclaimedDueNowWithTheirHistory() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.FAILED, t(0)).build());
    Fence fence = claimOne(EMAIL, "a").delivery().fence().orElseThrow();
    Attempt first = failure(1, t(2));
    Attempt last = failure(2, t(3));
    log.transition("n1/1", fence, new DeliveryUpdate(DeliveryState.QUEUED, first, true, null,
        null, false, first.error(), null));
    log.transition("n1/1", fence, DeliveryUpdate.failed(DeliveryState.DEAD, last, "gave up"));
    DeliveryRecord dead = delivery("n1/1");
    assertThat(dead.attemptCount()).isEqualTo(2);
    at(100);

    List<DeliveryRecord> replayed = log.replay("n1");

    assertThat(replayed).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo("n1/1");
      assertThat(r.state()).isEqualTo(DeliveryState.QUEUED);
      assertThat(r.owner()).isNull();
      assertThat(r.dueAt()).isEqualTo(t(100));
      assertThat(r.updatedAt()).isEqualTo(t(100));
      assertThat(r.attemptCount()).isZero();
      assertThat(r.attempts()).containsExactly(first, last);
      assertThat(r.leaseSeq()).isGreaterThan(dead.leaseSeq());
    });
    assertThat(delivery("n1/1")).isEqualTo(replayed.get(0));
    assertThat(delivery("n1/2").state()).as("only DEAD is replayed")
        .isEqualTo(DeliveryState.FAILED);
  }

  @Test
  void aReplayedDeliveryIsClaimedAgain() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.DEAD, t(0)).build());
    assertThat(log.claimDue(EMAIL, "a", 10)).isEmpty();
    at(10);

    log.replay("n1");

    ClaimedDelivery again = claimOne(EMAIL, "a");
    assertThat(again.delivery().id()).isEqualTo("n1/1");
    assertThat(again.delivery().state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(again.claimedFrom()).isEqualTo(DeliveryState.QUEUED);
  }

  @Test
  void cancelRightAfterReplayCancelsTheReplayedDelivery() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.DEAD, t(0)).build());
    assertThat(log.replay("n1")).hasSize(1);

    List<DeliveryRecord> cancelled = log.cancel("n1");

    assertThat(cancelled).extracting(DeliveryRecord::state)
        .containsExactly(DeliveryState.CANCELLED);
    assertThat(log.replay("n1")).as("nothing DEAD any more").isEmpty();
  }

  @Test
  void replayLeavesOtherStatesAlone() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.SENT, t(0)).delivery(EMAIL, DeliveryState.CANCELLED, t(0))
        .build());
    NotificationRecord before = log.find("n1").orElseThrow();

    assertThat(log.replay("n1")).isEmpty();
    assertThat(log.replay("unknown")).isEmpty();

    assertSameRecord(log.find("n1").orElseThrow(), before);
  }
}
