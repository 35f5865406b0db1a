package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.fenceOf;
import static dev.notify.testkit.log.LogFixtures.ids;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.status.DeliveryState;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of instance leases ({@link dev.notify.spi.log.NotificationLog#heartbeat}) and of
 * {@link dev.notify.spi.log.NotificationLog#releaseAll}: an owner's claims hold while its lease
 * lives; once it has expired, or when the owner never heart-beat, another owner takes them and
 * the old fence breaks; an owner never claims what it holds; {@code releaseAll} gives back all
 * but what is kept, each delivery in its state.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class HeartbeatContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public HeartbeatContract() {
  }

  @Test
  void aLiveInstanceLeaseKeepsItsClaims() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a", "b");
    DeliveryRecord held = claimOne(EMAIL, "a").delivery();
    at(29);
    heartbeat("b");

    assertThat(log.hasDue(EMAIL, "b")).isFalse();
    assertThat(log.claimDue(EMAIL, "b", 10)).isEmpty();
    assertThat(delivery("n1/1").fence()).isEqualTo(held.fence());
  }

  @Test
  void afterTheLeaseExpiresAnotherOwnerTakesTheClaimAndTheOldFenceBreaks() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a");
    Fence old = claimOne(EMAIL, "a").delivery().fence().orElseThrow();
    at(30);
    heartbeat("b");

    assertThat(log.hasDue(EMAIL, "b")).isTrue();
    ClaimedDelivery taken = claimOne(EMAIL, "b");

    assertThat(taken.delivery().owner()).isEqualTo("b");
    assertThat(taken.delivery().leaseSeq()).isEqualTo(old.seq() + 1);
    assertThat(log.transition("n1/1", old, DeliveryUpdate.sending())).isFalse();
    assertThat(delivery("n1/1").fence()).isEqualTo(taken.delivery().fence());
  }

  @Test
  void aHeartbeatExtendsTheLeaseFromTheLogsNow() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a");
    claimOne(EMAIL, "a");
    at(20);
    heartbeat("a");
    at(49);
    heartbeat("b");

    assertThat(log.claimDue(EMAIL, "b", 10)).as("a's lease lasts until t(50)").isEmpty();
    at(50);
    assertThat(claimOne(EMAIL, "b").delivery().owner()).isEqualTo("b");
  }

  @Test
  void anOwnerThatNeverHeartBeatHoldsNothing() {
    log.append(notification("n1").claimedDelivery(EMAIL, DeliveryState.QUEUED, t(0), "ghost")
        .build());
    log.append(notification("n2").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    claimOne(EMAIL, "careless");
    heartbeat("b");

    assertThat(log.hasDue(EMAIL, "b")).isTrue();
    assertThat(ids(log.claimDue(EMAIL, "b", 10))).containsExactlyInAnyOrder("n1/1", "n2/1");
  }

  @Test
  void anOwnerNeverClaimsWhatItHolds() {
    log.append(notification("n1").claimedDelivery(EMAIL, DeliveryState.QUEUED, t(0), "a")
        .build());
    log.append(notification("n2").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a");
    claimOne(EMAIL, "a");

    assertThat(log.hasDue(EMAIL, "a")).as("with a live lease").isFalse();
    assertThat(log.claimDue(EMAIL, "a", 10)).isEmpty();
    at(40);
    assertThat(log.hasDue(EMAIL, "a")).as("with an expired lease").isFalse();
    assertThat(log.claimDue(EMAIL, "a", 10)).isEmpty();
    assertThat(log.hasDue(EMAIL, "b")).isTrue();
  }

  @Test
  void anExpiredOwnerKeepsItsFenceUntilAnotherOwnerClaimsAndAHeartbeatHoldsItAgain() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a");
    Fence fence = claimOne(EMAIL, "a").delivery().fence().orElseThrow();
    at(45);
    heartbeat("b");
    assertThat(log.hasDue(EMAIL, "b")).as("a's lease expired at t(30)").isTrue();

    assertThat(log.transition("n1/1", fence, DeliveryUpdate.sending())).isTrue();
    heartbeat("a");

    assertThat(log.hasDue(EMAIL, "b")).as("a heart-beat again").isFalse();
    assertThat(log.claimDue(EMAIL, "b", 10)).isEmpty();
    assertThat(delivery("n1/1").fence()).contains(fence);
  }

  @Test
  void aTakeoverOfASendingDeliveryKeepsItSending() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a");
    DeliveryRecord claimed = claimOne(EMAIL, "a").delivery();
    log.transition("n1/1", claimed.fence().orElseThrow(), DeliveryUpdate.sending());
    at(40);
    heartbeat("b");

    ClaimedDelivery taken = claimOne(EMAIL, "b");

    assertThat(taken.delivery().state()).isEqualTo(DeliveryState.SENDING);
    assertThat(taken.claimedFrom()).isEqualTo(DeliveryState.SENDING);
    assertThat(taken.delivery().owner()).isEqualTo("b");
  }

  @Test
  void anotherOwnersHeartbeatDoesNotKeepTheseClaims() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("n2").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a", "c");
    DeliveryRecord ofA = claimOne(EMAIL, "a").delivery();
    DeliveryRecord ofC = claimOne(EMAIL, "c").delivery();
    at(20);
    heartbeat("a");
    at(35);
    heartbeat("b");

    assertThat(ids(log.claimDue(EMAIL, "b", 10))).containsExactly(ofC.id());
    assertThat(delivery(ofA.id()).fence()).isEqualTo(ofA.fence());
  }

  @Test
  void aLongerLeaseHoldsLonger() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.heartbeat("a", Duration.ofMinutes(10));
    claimOne(EMAIL, "a");
    at(599);
    heartbeat("b");

    assertThat(log.claimDue(EMAIL, "b", 10)).isEmpty();
    at(600);
    assertThat(log.claimDue(EMAIL, "b", 10)).hasSize(1);
  }

  @Test
  void releaseAllGivesBackEverythingButWhatIsKeptEachInItsState() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).delivery(SMS, DeliveryState.QUEUED, t(0))
        .build());
    log.append(notification("n2").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a", "b");
    List<ClaimedDelivery> email = log.claimDue(EMAIL, "a", 10);
    ClaimedDelivery sms = claimOne(SMS, "a");
    Fence sending = fenceOf(email, "n1/2");
    log.transition("n1/2", sending, DeliveryUpdate.sending());
    at(5);

    assertThat(log.releaseAll("a", Set.of("n2/1"))).isEqualTo(3);

    for (String id : List.of("n1/1", "n1/2", "n1/3")) {
      DeliveryRecord d = delivery(id);
      assertThat(d.owner()).as(id).isNull();
      assertThat(d.dueAt()).as(id).isEqualTo(t(5));
      assertThat(d.updatedAt()).as(id).isEqualTo(t(5));
    }
    assertThat(delivery("n1/1").state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(delivery("n1/2").state()).isEqualTo(DeliveryState.SENDING);
    assertThat(log.transition("n1/3", sms.delivery().fence().orElseThrow(),
        DeliveryUpdate.sending())).isFalse();
    assertThat(delivery("n2/1").fence()).contains(fenceOf(email, "n2/1"));
    List<ClaimedDelivery> retaken = log.claimDue(EMAIL, "b", 10);
    assertThat(ids(retaken)).containsExactlyInAnyOrder("n1/1", "n1/2");
    assertThat(LogFixtures.claimedWithId(retaken, "n1/2").state())
        .isEqualTo(DeliveryState.SENDING);
    assertThat(log.transition("n1/2", sending, DeliveryUpdate.sending())).isFalse();
  }

  @Test
  void releaseAllIsIdempotentAndLeavesOtherOwnersAlone() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("n2").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a", "b");
    claimOne(EMAIL, "a");
    DeliveryRecord ofB = claimOne(EMAIL, "b").delivery();

    assertThat(log.releaseAll("a", Set.of())).isEqualTo(1);
    assertThat(log.releaseAll("a", Set.of())).isZero();
    assertThat(log.releaseAll("nobody", Set.of())).isZero();

    assertThat(delivery(ofB.id()).fence()).isEqualTo(ofB.fence());
  }
}
