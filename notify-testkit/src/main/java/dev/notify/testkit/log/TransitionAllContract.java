package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.fenceOf;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.sentAttempt;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.Transition;
import dev.notify.status.DeliveryState;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#transitionAll}: each change of the
 * batch applies exactly as {@code transition} would and independently of the others, results in
 * order; repeating an applied batch is safe.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class TransitionAllContract extends LogContract {

  private List<ClaimedDelivery> claimed;

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public TransitionAllContract() {
  }

  @BeforeEach
  void claimThree() {
    for (String id : List.of("n1", "n2", "n3")) {
      log.append(notification(id).delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    }
    heartbeat("a");
    claimed = log.claimDue(EMAIL, "a", 3);
    assertThat(claimed).hasSize(3);
    at(1);
  }

  @Test
  void eachChangeAppliesAsATransitionWouldAndTheResultsComeInOrder() {
    List<Boolean> applied = log.transitionAll(List.of(
        new Transition("n1/1", fenceOf(claimed, "n1/1"), DeliveryUpdate.sending()),
        new Transition("n2/1", fenceOf(claimed, "n2/1"),
            DeliveryUpdate.ended(DeliveryState.SUPPRESSED, "opted out")),
        new Transition("n3/1", fenceOf(claimed, "n3/1"), DeliveryUpdate.released())));

    assertThat(applied).containsExactly(true, true, true);
    assertThat(delivery("n1/1").state()).isEqualTo(DeliveryState.SENDING);
    assertThat(delivery("n1/1").owner()).isEqualTo("a");
    assertThat(delivery("n2/1").state()).isEqualTo(DeliveryState.SUPPRESSED);
    assertThat(delivery("n2/1").owner()).isNull();
    assertThat(delivery("n3/1").owner()).isNull();
    assertThat(delivery("n3/1").updatedAt()).isEqualTo(t(1));
  }

  @Test
  void aChangeWhoseFenceDoesNotMatchIsRefusedAndTheOthersApply() {
    Fence stale = new Fence("a", fenceOf(claimed, "n2/1").seq() - 1);
    List<Boolean> applied = log.transitionAll(List.of(
        new Transition("n1/1", fenceOf(claimed, "n1/1"), DeliveryUpdate.sending()),
        new Transition("n2/1", stale, DeliveryUpdate.sending()),
        new Transition("missing/1", fenceOf(claimed, "n3/1"), DeliveryUpdate.sending()),
        new Transition("n3/1", fenceOf(claimed, "n3/1"), DeliveryUpdate.sending())));

    assertThat(applied).containsExactly(true, false, false, true);
    assertThat(delivery("n2/1").state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(delivery("n3/1").state()).isEqualTo(DeliveryState.SENDING);
  }

  @Test
  void repeatingAnAppliedBatchReturnsTrueAndChangesNothing() {
    for (ClaimedDelivery c : claimed) {
      log.transition(c.delivery().id(), c.delivery().fence().orElseThrow(),
          DeliveryUpdate.sending());
    }
    List<Transition> batch = claimed.stream().map(c -> new Transition(c.delivery().id(),
        c.delivery().fence().orElseThrow(),
        DeliveryUpdate.sent(sentAttempt(1, t(1), "pm-" + c.delivery().id())))).toList();
    assertThat(log.transitionAll(batch)).containsOnly(true);
    var before = List.of(delivery("n1/1"), delivery("n2/1"), delivery("n3/1"));
    at(5);

    assertThat(log.transitionAll(batch)).as("the repeat").containsOnly(true);

    assertThat(List.of(delivery("n1/1"), delivery("n2/1"), delivery("n3/1"))).isEqualTo(before);
    assertThat(delivery("n1/1").attempts()).hasSize(1);
  }

  @Test
  void anEmptyBatchChangesNothing() {
    assertThat(log.transitionAll(List.of())).isEmpty();
    assertThat(delivery("n1/1").state()).isEqualTo(DeliveryState.QUEUED);
  }
}
