package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.failure;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.sentAttempt;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a retried {@link dev.notify.spi.log.NotificationLog#transition}: a caller that
 * saw an exception does not know whether its transition was applied, so it repeats it. Repeated
 * with the same fence and an equal update right after it was applied, it returns true and
 * changes nothing, even when the update dropped the claim (terminal, retry, release); once
 * another owner has claimed the delivery, it is refused.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class TransitionRetryContract extends LogContract {

  private Fence fence;

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public TransitionRetryContract() {
  }

  @BeforeEach
  void claimADelivery() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a", "b");
    fence = claimOne(EMAIL, "a").delivery().fence().orElseThrow();
    at(1);
  }

  /** Applies the update, then retries it later and asserts the retry changed nothing. */
  private DeliveryRecord appliedThenRetried(DeliveryUpdate update) {
    assertThat(log.transition("n1/1", fence, update)).isTrue();
    DeliveryRecord applied = delivery("n1/1");
    at(10);

    assertThat(log.transition("n1/1", fence, update)).as("the retry").isTrue();

    assertThat(delivery("n1/1")).isEqualTo(applied);
    return applied;
  }

  @Test
  void aRetriedSentTransitionReturnsTrueAndRecordsTheAttemptOnce() {
    log.transition("n1/1", fence, DeliveryUpdate.sending());

    DeliveryRecord d = appliedThenRetried(DeliveryUpdate.sent(sentAttempt(1, t(1), "pm-1")));

    assertThat(d.state()).isEqualTo(DeliveryState.SENT);
    assertThat(d.attempts()).hasSize(1);
    assertThat(d.attemptCount()).isEqualTo(1);
    assertThat(d.updatedAt()).isEqualTo(t(1));
  }

  @Test
  void aRetriedTerminalFailureReturnsTrue() {
    DeliveryRecord d = appliedThenRetried(
        DeliveryUpdate.failed(DeliveryState.DEAD, failure(1, t(1)), "gave up"));

    assertThat(d.state()).isEqualTo(DeliveryState.DEAD);
    assertThat(d.attemptCount()).isEqualTo(1);
  }

  @Test
  void aRetriedEndWithoutAnAttemptReturnsTrue() {
    assertThat(appliedThenRetried(DeliveryUpdate.ended(DeliveryState.SUPPRESSED, "opted out"))
        .state()).isEqualTo(DeliveryState.SUPPRESSED);
  }

  @Test
  void aRetriedRetryScheduledKeepsItsDueTimeAndCountsTheAttemptOnce() {
    DeliveryRecord d = appliedThenRetried(
        DeliveryUpdate.retryScheduled(failure(1, t(1)), Duration.ofSeconds(30)));

    assertThat(d.dueAt()).as("counted from the first application").isEqualTo(t(31));
    assertThat(d.attemptCount()).isEqualTo(1);
    assertThat(d.attempts()).hasSize(1);
  }

  @Test
  void aRetriedReleaseKeepsItsDueTime() {
    DeliveryRecord d = appliedThenRetried(DeliveryUpdate.released(Duration.ofSeconds(5), null));

    assertThat(d.owner()).isNull();
    assertThat(d.dueAt()).isEqualTo(t(6));
  }

  @Test
  void aRetriedChannelUnavailableRecordsTheAttemptOnce() {
    Attempt attempt = new Attempt(1, t(1), Outcome.CHANNEL_UNAVAILABLE, "503", null);

    DeliveryRecord d = appliedThenRetried(DeliveryUpdate.channelUnavailable(attempt));

    assertThat(d.attempts()).containsExactly(attempt);
    assertThat(d.fence()).contains(fence);
  }

  @Test
  void aRetryIsRefusedOnceAnotherOwnerHasClaimed() {
    DeliveryUpdate release = DeliveryUpdate.released();
    assertThat(log.transition("n1/1", fence, release)).isTrue();
    DeliveryRecord taken = claimOne(EMAIL, "b").delivery();

    assertThat(log.transition("n1/1", fence, release)).isFalse();

    assertThat(delivery("n1/1").fence()).isEqualTo(taken.fence());
  }

  @Test
  void anotherUpdateAfterAReleasingOneIsRefused() {
    assertThat(log.transition("n1/1", fence, DeliveryUpdate.released())).isTrue();
    DeliveryRecord released = delivery("n1/1");

    assertThat(log.transition("n1/1", fence,
        DeliveryUpdate.sent(sentAttempt(1, t(1), "pm-1")))).isFalse();

    assertThat(delivery("n1/1")).isEqualTo(released);
  }

  @Test
  void theSameUpdateUnderAnotherFenceIsNoRetry() {
    DeliveryUpdate dead = DeliveryUpdate.failed(DeliveryState.DEAD, failure(1, t(1)), "gave up");
    assertThat(log.transition("n1/1", fence, dead)).isTrue();

    assertThat(log.transition("n1/1", new Fence("a", fence.seq() + 1), dead)).isFalse();
    assertThat(log.transition("n1/1", new Fence("b", fence.seq()), dead)).isFalse();
  }
}
