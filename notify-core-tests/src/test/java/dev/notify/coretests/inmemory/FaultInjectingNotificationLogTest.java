package dev.notify.coretests.inmemory;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.LEASE;
import static dev.notify.testkit.log.LogFixtures.T0;
import static dev.notify.testkit.log.LogFixtures.claimOne;
import static dev.notify.testkit.log.LogFixtures.delivery;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.sentAttempt;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.LogUnavailableException;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.NotificationLogCompatibilityKit;
import dev.notify.testkit.log.FaultInjectingNotificationLog;
import dev.notify.testkit.log.FaultInjectingNotificationLog.InjectedFaultException;
import dev.notify.testkit.log.FaultInjectingNotificationLog.Method;
import dev.notify.testkit.log.FaultInjectingNotificationLog.Timing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The testkit's {@link FaultInjectingNotificationLog}: switched off, it passes the whole log
 * contract through to its delegate (the kit runs against it); switched on, it fails exactly the
 * calls it was told to, before or after they take effect, and counts them.
 */
class FaultInjectingNotificationLogTest extends NotificationLogCompatibilityKit {

  private final ManualTime time = ManualTime.startingAt(T0);
  private final InMemoryNotificationLog delegate =
      InMemoryNotificationLog.builder().clock(time.clock()).build();

  /** Every method set to fail on every call, but switched off: only forwarding is left. */
  private static NotificationLog disabledOver(NotificationLog log) {
    return FaultInjectingNotificationLog.wrap(log).failing(Method.values())
        .withProbability(1.0, 7).ambiguousShare(0.5).enabled(false).build();
  }

  @Override
  protected NotificationLog createLog(Clock clock) {
    return disabledOver(InMemoryNotificationLog.builder().clock(clock).build());
  }

  @Override
  protected Optional<NotificationLog> createBoundedLog(Clock clock, int maxNotifications) {
    return Optional.of(disabledOver(InMemoryNotificationLog.builder().clock(clock)
        .maxNotifications(maxNotifications).build()));
  }

  @AfterEach
  void stopTime() {
    time.close();
  }

  private static NotificationRecord queued(String id) {
    return notification(id).delivery(EMAIL, DeliveryState.QUEUED, t(0)).build();
  }

  private static InjectedFaultException faultOf(Runnable call) {
    try {
      call.run();
    } catch (InjectedFaultException e) {
      return e;
    }
    throw new AssertionError("the call did not fail");
  }

  @Test
  void aFaultBeforeTheCallLeavesTheLogUnchanged() {
    FaultInjectingNotificationLog log = FaultInjectingNotificationLog.wrap(delegate)
        .failingOnCall(Method.APPEND, 1, Timing.BEFORE).build();

    InjectedFaultException fault = faultOf(() -> log.append(queued("n1")));

    assertThat(fault).isInstanceOf(LogUnavailableException.class)
        .hasMessage("injected fault on call 1 of APPEND: the call did not reach the log");
    assertThat(fault.method()).isEqualTo(Method.APPEND);
    assertThat(fault.timing()).isEqualTo(Timing.BEFORE);
    assertThat(fault.call()).isEqualTo(1);
    assertThat(delegate.find("n1")).isEmpty();
    assertThat(log.append(queued("n1"))).as("the caller's retry")
        .isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void aFaultAfterTheCallLeavesItsEffectAndTheRetryFindsIt() {
    FaultInjectingNotificationLog log = FaultInjectingNotificationLog.wrap(delegate)
        .failingOnCall(Method.APPEND, 1, Timing.AFTER).build();

    assertThatThrownBy(() -> log.append(queued("n1")))
        .isInstanceOf(LogUnavailableException.class)
        .hasMessage("injected fault on call 1 of APPEND: the call took effect, its answer was"
            + " lost");

    assertThat(delegate.find("n1")).isPresent();
    assertThat(log.append(queued("n1"))).isEqualTo(new AppendResult.Existing("hash-of-n1"));
  }

  @Test
  void anAmbiguousTransitionIsSafeToRetry() {
    FaultInjectingNotificationLog log = FaultInjectingNotificationLog.wrap(delegate)
        .failingOnCall(Method.TRANSITION, 1, Timing.AFTER).build();
    log.append(queued("n1"));
    log.heartbeat("a", LEASE);
    DeliveryRecord claimed = claimOne(log, EMAIL, "a").delivery();
    DeliveryUpdate sent = DeliveryUpdate.sent(sentAttempt(1, t(0), "pm-1"));

    assertThatThrownBy(() -> log.transition("n1/1", claimed.fence().orElseThrow(), sent))
        .isInstanceOf(InjectedFaultException.class);

    assertThat(log.transition("n1/1", claimed.fence().orElseThrow(), sent)).isTrue();
    assertThat(delivery(delegate, "n1/1").attempts()).hasSize(1);
    assertThat(delivery(delegate, "n1/1").state()).isEqualTo(DeliveryState.SENT);
  }

  @Test
  void aHeartbeatThatFailedBeforeTheLogLeavesTheClaimsUnheld() {
    FaultInjectingNotificationLog log = FaultInjectingNotificationLog.wrap(delegate)
        .failingOnCall(Method.HEARTBEAT, 1, Timing.BEFORE).build();
    log.append(queued("n1"));

    assertThatThrownBy(() -> log.heartbeat("a", LEASE))
        .isInstanceOf(InjectedFaultException.class);
    claimOne(log, EMAIL, "a");

    assertThat(log.claimDue(EMAIL, "b", 10)).as("a never heart-beat").hasSize(1);
  }

  @Test
  void onlyThePlannedCallsFail() {
    FaultInjectingNotificationLog log = FaultInjectingNotificationLog.wrap(delegate)
        .failingOnCall(Method.HAS_DUE, 3, Timing.BEFORE)
        .failingOnCall(Method.HAS_DUE, 5, Timing.AFTER).build();
    List<Integer> failed = new ArrayList<>();

    for (int call = 1; call <= 6; call++) {
      try {
        log.hasDue(EMAIL, "a");
      } catch (InjectedFaultException e) {
        failed.add(e.call());
      }
    }

    assertThat(failed).containsExactly(3, 5);
    assertThat(log.calls(Method.HAS_DUE)).isEqualTo(6);
    assertThat(log.faultsInjected(Method.HAS_DUE)).isEqualTo(2);
    assertThat(log.faultsInjected(Method.HAS_DUE, Timing.BEFORE)).isEqualTo(1);
    assertThat(log.faultsInjected(Method.HAS_DUE, Timing.AFTER)).isEqualTo(1);
    assertThat(log.faultsInjected()).isEqualTo(2);
    assertThat(log.calls(Method.CLAIM_DUE)).isZero();
  }

  /** @return the calls, counted from 1, among {@code count} hasDue calls that failed */
  private static List<Integer> failingCalls(FaultInjectingNotificationLog log, int count) {
    List<Integer> failed = new ArrayList<>();
    for (int call = 1; call <= count; call++) {
      try {
        log.hasDue(EMAIL, "a");
      } catch (InjectedFaultException e) {
        failed.add(call);
      }
    }
    return failed;
  }

  private FaultInjectingNotificationLog randomOnHasDue(double probability, long seed) {
    return FaultInjectingNotificationLog.wrap(delegate).failing(Method.HAS_DUE)
        .withProbability(probability, seed).build();
  }

  @Test
  void randomFaultsFollowTheSeed() {
    List<Integer> first = failingCalls(randomOnHasDue(0.3, 42), 1000);
    List<Integer> again = failingCalls(randomOnHasDue(0.3, 42), 1000);
    List<Integer> other = failingCalls(randomOnHasDue(0.3, 43), 1000);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first).hasSizeBetween(200, 400);
  }

  @Test
  void theChanceGoesFromNeverToEveryCall() {
    assertThat(failingCalls(randomOnHasDue(0.0, 1), 100)).isEmpty();
    assertThat(failingCalls(randomOnHasDue(1.0, 1), 100)).hasSize(100);
  }

  @Test
  void onlyTheNamedMethodsFailAtRandom() {
    FaultInjectingNotificationLog log = FaultInjectingNotificationLog.wrap(delegate)
        .failing(Method.TRANSITION, Method.CLAIM_DUE).withProbability(1.0, 1).build();

    assertThat(log.append(queued("n1"))).isInstanceOf(AppendResult.Appended.class);
    log.heartbeat("a", LEASE);
    assertThat(log.hasDue(EMAIL, "a")).isTrue();
    assertThatThrownBy(() -> log.claimDue(EMAIL, "a", 10))
        .isInstanceOf(InjectedFaultException.class);
    assertThat(log.faultsInjected()).isEqualTo(1);
  }

  @Test
  void theAmbiguousShareSetsHowManyFaultsStrikeAfterTheCall() {
    FaultInjectingNotificationLog allAfter = FaultInjectingNotificationLog.wrap(delegate)
        .failing(Method.APPEND).withProbability(1.0, 5).ambiguousShare(1.0).build();
    for (int i = 0; i < 20; i++) {
      String id = "after-" + i;
      assertThat(faultOf(() -> allAfter.append(queued(id))).timing()).isEqualTo(Timing.AFTER);
      assertThat(delegate.find(id)).as("stored anyway").isPresent();
    }

    FaultInjectingNotificationLog mixed = FaultInjectingNotificationLog.wrap(delegate)
        .failing(Method.HAS_DUE).withProbability(1.0, 5).ambiguousShare(0.5).build();
    failingCalls(mixed, 400);
    assertThat(mixed.faultsInjected(Method.HAS_DUE, Timing.AFTER)).isBetween(120, 280);
    assertThat(mixed.faultsInjected(Method.HAS_DUE)).isEqualTo(400);

    FaultInjectingNotificationLog byDefault = randomOnHasDue(1.0, 5);
    failingCalls(byDefault, 50);
    assertThat(byDefault.faultsInjected(Method.HAS_DUE, Timing.BEFORE)).as("the default")
        .isEqualTo(50);
  }

  @Test
  void aDisabledLogForwardsAndCountsAndAnEnabledOneFailsAgain() {
    FaultInjectingNotificationLog log = FaultInjectingNotificationLog.wrap(delegate)
        .failing(Method.HAS_DUE).withProbability(1.0, 1)
        .failingOnCall(Method.APPEND, 1, Timing.BEFORE).enabled(false).build();
    assertThat(log.isEnabled()).isFalse();

    assertThat(log.append(queued("n1"))).as("the planned fault is skipped")
        .isInstanceOf(AppendResult.Appended.class);
    assertThat(log.hasDue(EMAIL, "a")).isTrue();
    log.enable();
    assertThat(log.isEnabled()).isTrue();
    assertThatThrownBy(() -> log.hasDue(EMAIL, "a")).isInstanceOf(InjectedFaultException.class);
    log.disable();
    assertThat(log.hasDue(EMAIL, "a")).isTrue();

    assertThat(log.calls(Method.APPEND)).isEqualTo(1);
    assertThat(log.calls(Method.HAS_DUE)).isEqualTo(3);
    assertThat(log.faultsInjected()).isEqualTo(1);
  }

  @Test
  void closeIsNeverFaulted() {
    FaultInjectingNotificationLog log = FaultInjectingNotificationLog.wrap(delegate)
        .failing(Method.values()).withProbability(1.0, 1).build();

    log.close();

    assertThatThrownBy(log::now).isInstanceOf(InjectedFaultException.class);
  }

  @Test
  void writesAreTheMethodsThatMayChangeTheLog() {
    assertThat(Method.writes()).contains(Method.APPEND, Method.APPEND_ALL, Method.TRANSITION,
        Method.CLAIM_DUE, Method.HEARTBEAT, Method.RECORD_RECEIPT, Method.PURGE)
        .doesNotContain(Method.NOW, Method.FIND, Method.HAS_DUE, Method.HISTORY);
    assertThat(Method.TRANSITION.isWrite()).isTrue();
    assertThat(Method.FIND.isWrite()).isFalse();
  }

  @Test
  void theBuilderRefusesHalfConfiguredFaultsAndSaysWhatToAdd() {
    assertThat(FaultInjectingNotificationLog.wrap(delegate).build().faultsInjected()).isZero();

    assertThatThrownBy(() -> FaultInjectingNotificationLog.wrap(delegate)
        .failing(Method.TRANSITION).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("add withProbability(p, seed)");
    assertThatThrownBy(() -> FaultInjectingNotificationLog.wrap(delegate)
        .withProbability(0.1, 1).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("add failing(methods)");
    assertThatThrownBy(() -> FaultInjectingNotificationLog.wrap(delegate)
        .ambiguousShare(0.5).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("applies to random faults");
    assertThatThrownBy(() -> FaultInjectingNotificationLog.wrap(delegate)
        .withProbability(1.5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probability must be within [0, 1]: 1.5");
    assertThatThrownBy(() -> FaultInjectingNotificationLog.wrap(delegate)
        .ambiguousShare(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ambiguousShare must be within [0, 1]: NaN");
    assertThatThrownBy(() -> FaultInjectingNotificationLog.wrap(delegate)
        .failingOnCall(Method.APPEND, 0, Timing.BEFORE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("calls are counted from 1: 0");
    assertThatThrownBy(() -> FaultInjectingNotificationLog.wrap(delegate)
        .failingOnCall(Method.APPEND, 2, Timing.BEFORE)
        .failingOnCall(Method.APPEND, 2, Timing.AFTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("call 2 of APPEND already fails BEFORE");
    assertThatThrownBy(() -> FaultInjectingNotificationLog.wrap(null))
        .isInstanceOf(NullPointerException.class).hasMessage("log");
  }

  @Test
  void toStringNamesTheDelegate() {
    assertThat(FaultInjectingNotificationLog.wrap(delegate).build())
        .hasToString("FaultInjectingNotificationLog[InMemoryNotificationLog[size=0,"
            + " maxNotifications=100000]]");
  }
}
