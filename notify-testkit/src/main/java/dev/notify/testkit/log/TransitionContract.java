package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.failure;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.sentAttempt;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#transition}: the holder of the current
 * fence may move a delivery on, anyone else is refused, and each kind of update leaves the claim,
 * due time and attempts as documented, stamped with the log's time. Retried transitions are in
 * {@link TransitionRetryContract}.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class TransitionContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public TransitionContract() {
  }

  @BeforeEach
  void ownersAreLive() {
    heartbeat("a", "b");
  }

  private Fence claimN1() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    return claimOne(EMAIL, "a").delivery().fence().orElseThrow();
  }

  @Test
  void transitionWithTheCurrentFenceAppliesTheUpdateAtTheLogsTime() {
    Fence fence = claimN1();
    at(2);

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.sending())).isTrue();

    DeliveryRecord d = delivery("n1/1");
    assertThat(d.state()).isEqualTo(DeliveryState.SENDING);
    assertThat(d.fence()).contains(fence);
    assertThat(d.updatedAt()).isEqualTo(t(2));
  }

  @Test
  void transitionWithAStaleFenceIsRefusedAndChangesNothing() {
    Fence fence = claimN1();
    DeliveryRecord before = delivery("n1/1");
    DeliveryUpdate sent = DeliveryUpdate.sent(sentAttempt(1, t(2), "pm-1"));

    assertThat(log.transition("n1/1", new Fence("b", fence.seq()), sent)).as("other owner")
        .isFalse();
    assertThat(log.transition("n1/1", new Fence("a", fence.seq() - 1), sent))
        .as("older sequence").isFalse();
    assertThat(log.transition("n1/1", new Fence("a", fence.seq() + 1), sent))
        .as("newer sequence").isFalse();

    assertThat(delivery("n1/1")).isEqualTo(before);
  }

  @Test
  void transitionOfAnUnclaimedDeliveryIsRefused() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    DeliveryRecord unclaimed = delivery("n1/1");

    assertThat(log.transition("n1/1", new Fence("a", unclaimed.leaseSeq()),
        DeliveryUpdate.sending())).isFalse();
    assertThat(delivery("n1/1")).isEqualTo(unclaimed);
  }

  @Test
  void transitionOfAnUnknownDeliveryIsRefused() {
    assertThat(log.transition("unknown/1", new Fence("a", 1), DeliveryUpdate.sending()))
        .isFalse();
  }

  @Test
  void sentDropsTheClaimAndRecordsTheAttempt() {
    Fence fence = claimN1();
    log.transition("n1/1", fence, DeliveryUpdate.sending());
    Attempt attempt = sentAttempt(1, t(3), "pm-1");
    at(3);

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.sent(attempt))).isTrue();

    DeliveryRecord d = delivery("n1/1");
    assertThat(d.state()).isEqualTo(DeliveryState.SENT);
    assertThat(d.owner()).isNull();
    assertThat(d.fence()).isEmpty();
    assertThat(d.attempts()).containsExactly(attempt);
    assertThat(d.attemptCount()).isEqualTo(1);
    assertThat(d.providerMessageId()).isEqualTo("pm-1");
    assertThat(d.updatedAt()).isEqualTo(t(3));
    assertThat(log.transition("n1/1", fence, DeliveryUpdate.sending())).isFalse();
    at(100);
    assertThat(log.claimDue(EMAIL, "b", 10)).isEmpty();
  }

  @Test
  void everyTerminalTransitionDropsTheClaim() {
    List<DeliveryUpdate> endings = List.of(
        DeliveryUpdate.failed(DeliveryState.FAILED, failure(1, t(2)), "rejected"),
        DeliveryUpdate.failed(DeliveryState.DEAD, failure(1, t(2)), "gave up"),
        DeliveryUpdate.ended(DeliveryState.SUPPRESSED, "opted out"),
        DeliveryUpdate.ended(DeliveryState.EXPIRED, "expired"),
        DeliveryUpdate.endedAfter(DeliveryState.EXPIRED, failure(1, t(2)), "expired"),
        DeliveryUpdate.ended(DeliveryState.CANCELLED, "cancelled"));
    for (int i = 0; i < endings.size(); i++) {
      log.append(notification("n" + i).delivery(EMAIL, DeliveryState.SCHEDULED, t(i - 10))
          .build());
    }
    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", 10);

    for (int i = 0; i < endings.size(); i++) {
      DeliveryRecord c = claimed.get(i).delivery();
      assertThat(log.transition(c.id(), c.fence().orElseThrow(), endings.get(i))).isTrue();
      DeliveryRecord d = delivery(c.id());
      assertThat(d.state()).isEqualTo(endings.get(i).state());
      assertThat(d.reason()).isEqualTo(endings.get(i).reason());
      assertThat(d.owner()).isNull();
    }
    at(100);
    heartbeat("b");
    assertThat(log.claimDue(EMAIL, "b", 10)).isEmpty();
  }

  @Test
  void retryScheduledReleasesTheDeliveryUntilItIsDue() {
    Fence fence = claimN1();
    Attempt failed = failure(1, t(2));
    at(2);

    assertThat(log.transition("n1/1", fence,
        DeliveryUpdate.retryScheduled(failed, Duration.ofSeconds(60)))).isTrue();

    DeliveryRecord d = delivery("n1/1");
    assertThat(d.state()).isEqualTo(DeliveryState.RETRY_SCHEDULED);
    assertThat(d.owner()).isNull();
    assertThat(d.dueAt()).isEqualTo(t(62));
    assertThat(d.attemptCount()).isEqualTo(1);
    assertThat(d.attempts()).containsExactly(failed);
    assertThat(d.reason()).isEqualTo(failed.error());
    at(61);
    heartbeat("b");
    assertThat(log.claimDue(EMAIL, "b", 10)).as("not yet due").isEmpty();
    at(62);
    ClaimedDelivery retried = claimOne(EMAIL, "b");
    assertThat(retried.delivery().state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(retried.claimedFrom()).isEqualTo(DeliveryState.RETRY_SCHEDULED);
    assertThat(retried.delivery().attemptCount()).isEqualTo(1);
  }

  @Test
  void releaseDropsTheClaimUntilItsDelayHasPassed() {
    Fence fence = claimN1();
    at(2);

    assertThat(log.transition("n1/1", fence,
        DeliveryUpdate.released(Duration.ofSeconds(3), "directory down"))).isTrue();

    DeliveryRecord released = delivery("n1/1");
    assertThat(released.state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(released.owner()).isNull();
    assertThat(released.dueAt()).isEqualTo(t(5));
    assertThat(released.reason()).isEqualTo("directory down");
    at(4);
    assertThat(log.claimDue(EMAIL, "a", 10)).isEmpty();
    at(5);
    heartbeat("b");
    assertThat(claimOne(EMAIL, "b").delivery().owner()).isEqualTo("b");
  }

  @Test
  void releasedIsDueAtOnce() {
    Fence fence = claimN1();
    at(7);

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.released())).isTrue();

    assertThat(delivery("n1/1").dueAt()).isEqualTo(t(7));
    assertThat(claimOne(EMAIL, "b").claimedFrom()).isEqualTo(DeliveryState.QUEUED);
  }

  @Test
  void deferredHoldsTheDeliveryBackUntilTheGivenInstant() {
    Fence fence = claimN1();

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.deferred(t(20), "quiet hours")))
        .isTrue();

    DeliveryRecord d = delivery("n1/1");
    assertThat(d.state()).isEqualTo(DeliveryState.SCHEDULED);
    assertThat(d.owner()).isNull();
    assertThat(d.dueAt()).isEqualTo(t(20));
    assertThat(d.reason()).isEqualTo("quiet hours");
    at(19);
    heartbeat("b");
    assertThat(log.claimDue(EMAIL, "b", 10)).isEmpty();
    at(20);
    assertThat(claimOne(EMAIL, "b").claimedFrom()).isEqualTo(DeliveryState.SCHEDULED);
  }

  @Test
  void channelUnavailableKeepsTheClaimAndDoesNotCountTheAttempt() {
    Fence fence = claimN1();
    Attempt attempt = new Attempt(1, t(2), Outcome.CHANNEL_UNAVAILABLE, "503", null);

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.channelUnavailable(attempt)))
        .isTrue();

    DeliveryRecord d = delivery("n1/1");
    assertThat(d.state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(d.fence()).contains(fence);
    assertThat(d.attemptCount()).isZero();
    assertThat(d.attempts()).containsExactly(attempt);
    assertThat(log.claimDue(EMAIL, "b", 10)).isEmpty();
  }
}
