package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.delivered;
import static dev.notify.testkit.log.LogFixtures.failure;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#transition}: the holder of the current
 * fence may move a delivery on, anyone else is refused, and each kind of update leaves the claim,
 * due time and attempts as documented.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class TransitionContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public TransitionContract() {
  }

  @Test
  void transitionWithTheCurrentFenceAppliesTheUpdate() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    DeliveryRecord claimed = claimOne(EMAIL, "a", t(1)).delivery();

    assertThat(log.transition("n1/1", claimed.fence().orElseThrow(), DeliveryUpdate.sending(t(2))))
        .isTrue();

    DeliveryRecord d = delivery("n1/1");
    assertThat(d.state()).isEqualTo(DeliveryState.SENDING);
    assertThat(d.owner()).isEqualTo("a");
    assertThat(d.leaseSeq()).isEqualTo(claimed.leaseSeq());
    assertThat(d.updatedAt()).isEqualTo(t(2));
  }

  @Test
  void transitionWithAStaleFenceIsRefusedAndChangesNothing() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    DeliveryRecord claimed = claimOne(EMAIL, "a", t(1)).delivery();
    Attempt sent = new Attempt(1, t(2), Outcome.SENT, null, "pm-1");

    assertThat(log.transition("n1/1", new Fence("b", claimed.leaseSeq()),
        DeliveryUpdate.sent(sent))).as("other owner").isFalse();
    assertThat(log.transition("n1/1", new Fence("a", claimed.leaseSeq() - 1),
        DeliveryUpdate.sent(sent))).as("older sequence").isFalse();
    assertThat(log.transition("n1/1", new Fence("a", claimed.leaseSeq() + 1),
        DeliveryUpdate.sent(sent))).as("newer sequence").isFalse();

    assertThat(delivery("n1/1")).isEqualTo(claimed);
    assertThat(log.recordReceipt("pm-1", delivered(t(3)))).isEmpty();
  }

  @Test
  void anExpiredLeaseStillFencesUntilAnotherOwnerClaims() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    Fence fence = claimOne(EMAIL, "a", t(0)).delivery().fence().orElseThrow();

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.sending(t(45)))).isTrue();

    assertThat(delivery("n1/1").state()).isEqualTo(DeliveryState.SENDING);
    assertThat(claimOne(EMAIL, "b", t(46)).delivery().state()).isEqualTo(DeliveryState.SENDING);
    assertThat(log.transition("n1/1", fence, DeliveryUpdate.released(t(47), t(47)))).isFalse();
  }

  @Test
  void transitionOfAnUnclaimedDeliveryIsRefused() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    DeliveryRecord unclaimed = delivery("n1/1");

    assertThat(log.transition("n1/1", new Fence("a", unclaimed.leaseSeq()),
        DeliveryUpdate.sending(t(1)))).isFalse();
    assertThat(delivery("n1/1")).isEqualTo(unclaimed);
  }

  @Test
  void transitionOfAnUnknownDeliveryIsRefused() {
    assertThat(log.transition("unknown/1", new Fence("a", 1), DeliveryUpdate.sending(t(1))))
        .isFalse();
  }

  @Test
  void sentDropsTheClaimAndRecordsTheAttempt() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    Fence fence = claimOne(EMAIL, "a", t(1)).delivery().fence().orElseThrow();
    log.transition("n1/1", fence, DeliveryUpdate.sending(t(2)));
    Attempt attempt = new Attempt(1, t(3), Outcome.SENT, null, "pm-1");

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.sent(attempt))).isTrue();

    DeliveryRecord d = delivery("n1/1");
    assertThat(d.state()).isEqualTo(DeliveryState.SENT);
    assertThat(d.owner()).isNull();
    assertThat(d.leaseUntil()).isNull();
    assertThat(d.fence()).isEmpty();
    assertThat(d.attempts()).containsExactly(attempt);
    assertThat(d.attemptCount()).isEqualTo(1);
    assertThat(d.providerMessageId()).isEqualTo("pm-1");
    assertThat(log.transition("n1/1", fence, DeliveryUpdate.sending(t(4)))).isFalse();
    assertThat(log.claimDue(EMAIL, "b", t(100), t(130), 10)).isEmpty();
  }

  @Test
  void everyTerminalTransitionDropsTheClaim() {
    List<DeliveryUpdate> endings = List.of(
        DeliveryUpdate.failed(DeliveryState.FAILED, failure(1, t(2)), "rejected"),
        DeliveryUpdate.failed(DeliveryState.DEAD, failure(1, t(2)), "gave up"),
        DeliveryUpdate.ended(DeliveryState.SUPPRESSED, "opted out", t(2)),
        DeliveryUpdate.ended(DeliveryState.EXPIRED, "expired", t(2)),
        DeliveryUpdate.ended(DeliveryState.CANCELLED, "cancelled", t(2)));
    for (int i = 0; i < endings.size(); i++) {
      log.append(notification("n" + i).delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    }
    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", t(1), t(31), 10);

    for (int i = 0; i < endings.size(); i++) {
      DeliveryRecord c = claimed.get(i).delivery();
      assertThat(log.transition(c.id(), c.fence().orElseThrow(), endings.get(i))).isTrue();
      DeliveryRecord d = delivery(c.id());
      assertThat(d.state()).isEqualTo(endings.get(i).state());
      assertThat(d.reason()).isEqualTo(endings.get(i).reason());
      assertThat(d.owner()).isNull();
      assertThat(d.leaseUntil()).isNull();
    }
    assertThat(log.claimDue(EMAIL, "b", t(100), t(130), 10)).isEmpty();
  }

  @Test
  void retryScheduledReleasesTheDeliveryUntilItIsDue() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    Fence fence = claimOne(EMAIL, "a", t(1)).delivery().fence().orElseThrow();
    Attempt failed = failure(1, t(2));

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.retryScheduled(failed, t(60))))
        .isTrue();

    DeliveryRecord d = delivery("n1/1");
    assertThat(d.state()).isEqualTo(DeliveryState.RETRY_SCHEDULED);
    assertThat(d.owner()).isNull();
    assertThat(d.dueAt()).isEqualTo(t(60));
    assertThat(d.attemptCount()).isEqualTo(1);
    assertThat(d.reason()).isEqualTo(failed.error());
    assertThat(log.claimDue(EMAIL, "b", t(59), t(89), 10)).as("not yet due").isEmpty();
    ClaimedDelivery retried = claimOne(EMAIL, "b", t(60));
    assertThat(retried.delivery().state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(retried.delivery().attempts()).containsExactly(failed);
  }

  @Test
  void releaseDropsTheClaimAndTheDeliveryCanBeClaimedAgain() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    Fence fence = claimOne(EMAIL, "a", t(1)).delivery().fence().orElseThrow();

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.released(t(5), t(2)))).isTrue();

    DeliveryRecord released = delivery("n1/1");
    assertThat(released.state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(released.owner()).isNull();
    assertThat(released.dueAt()).isEqualTo(t(5));
    assertThat(log.claimDue(EMAIL, "b", t(4), t(34), 10)).isEmpty();
    assertThat(claimOne(EMAIL, "b", t(5)).delivery().owner()).isEqualTo("b");
  }

  @Test
  void channelUnavailableKeepsTheClaimAndDoesNotCountTheAttempt() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    DeliveryRecord claimed = claimOne(EMAIL, "a", t(1)).delivery();
    Attempt attempt = new Attempt(1, t(2), Outcome.CHANNEL_UNAVAILABLE, "503", null);

    assertThat(log.transition("n1/1", claimed.fence().orElseThrow(),
        DeliveryUpdate.channelUnavailable(attempt))).isTrue();

    DeliveryRecord d = delivery("n1/1");
    assertThat(d.state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(d.fence()).isEqualTo(claimed.fence());
    assertThat(d.attemptCount()).isZero();
    assertThat(d.attempts()).containsExactly(attempt);
    assertThat(log.claimDue(EMAIL, "b", t(2), t(32), 10)).isEmpty();
  }
}
