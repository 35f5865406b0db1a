package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.ids;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.runConcurrently;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Priority;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#claimDue}: which deliveries are due, in
 * which order, up to the limit, with a new lease and fence; expired leases are taken over, live
 * ones never, and concurrent claimers never share a delivery.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class ClaimContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public ClaimContract() {
  }

  @Test
  void claimDueTakesOnlyDeliveriesDueByNow() {
    log.append(notification("past").delivery(EMAIL, DeliveryState.QUEUED, t(-10)).build());
    log.append(notification("now").delivery(EMAIL, DeliveryState.SCHEDULED, t(0)).build());
    log.append(notification("later").delivery(EMAIL, DeliveryState.SCHEDULED, t(1)).build());

    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", t(0), t(30), 10);

    assertThat(ids(claimed)).containsExactly("past/1", "now/1");
    assertThat(ids(log.claimDue(EMAIL, "a", t(1), t(31), 10))).containsExactly("later/1");
  }

  @Test
  void claimDueTakesHigherPriorityFirstThenEarliestDue() {
    log.append(notification("low").priority(Priority.LOW)
        .delivery(EMAIL, DeliveryState.QUEUED, t(-30)).build());
    log.append(notification("normal-late").priority(Priority.NORMAL)
        .delivery(EMAIL, DeliveryState.QUEUED, t(-5)).build());
    log.append(notification("high-late").priority(Priority.HIGH)
        .delivery(EMAIL, DeliveryState.QUEUED, t(-1)).build());
    log.append(notification("normal-early").priority(Priority.NORMAL)
        .delivery(EMAIL, DeliveryState.RETRY_SCHEDULED, t(-20)).build());
    log.append(notification("high-early").priority(Priority.HIGH)
        .delivery(EMAIL, DeliveryState.SCHEDULED, t(-2)).build());

    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", t(0), t(30), 10);

    assertThat(ids(claimed)).containsExactly("high-early/1", "high-late/1", "normal-early/1",
        "normal-late/1", "low/1");
  }

  @Test
  void claimDueTakesAtMostTheLimit() {
    for (int i = 0; i < 5; i++) {
      log.append(notification("n" + i).delivery(EMAIL, DeliveryState.QUEUED, t(i - 10)).build());
    }

    assertThat(ids(log.claimDue(EMAIL, "a", t(0), t(30), 2))).containsExactly("n0/1", "n1/1");
    assertThat(ids(log.claimDue(EMAIL, "a", t(0), t(30), 2))).containsExactly("n2/1", "n3/1");
    assertThat(ids(log.claimDue(EMAIL, "a", t(0), t(30), 2))).containsExactly("n4/1");
    assertThat(log.claimDue(EMAIL, "a", t(0), t(30), 2)).isEmpty();
  }

  @Test
  void claimDueTakesOnlyTheGivenChannel() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());

    assertThat(ids(log.claimDue(SMS, "a", t(0), t(30), 10))).containsExactly("n1/2");
    assertThat(ids(log.claimDue(EMAIL, "a", t(0), t(30), 10))).containsExactly("n1/1");
    assertThat(log.claimDue("push", "a", t(0), t(30), 10)).isEmpty();
  }

  @Test
  void claimDueSetsOwnerLeaseAndTheNextLeaseSequence() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    long before = delivery("n1/1").leaseSeq();

    ClaimedDelivery claimed = claimOne(EMAIL, "a", t(1));

    DeliveryRecord d = claimed.delivery();
    assertThat(d.owner()).isEqualTo("a");
    assertThat(d.leaseUntil()).isEqualTo(t(31));
    assertThat(d.leaseSeq()).isEqualTo(before + 1);
    assertThat(d.fence()).contains(new Fence("a", before + 1));
    assertThat(delivery("n1/1")).isEqualTo(d);
  }

  @Test
  void claimDueReturnsEachDeliveryWithItsNotification() {
    NotificationRecord record = notification("n1").payloadHash("hash-1")
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .build();
    log.append(record);

    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", t(0), t(30), 10);

    assertThat(claimed).hasSize(2).allSatisfy(c -> {
      assertThat(c.notification().id()).isEqualTo("n1");
      assertThat(c.notification().payloadHash()).isEqualTo("hash-1");
      assertThat(c.notification().notification().recipients())
          .isEqualTo(record.notification().recipients());
      assertThat(c.notification().delivery(c.delivery().id())).contains(c.delivery());
    });
  }

  @Test
  void claimedScheduledAndRetryScheduledDeliveriesBecomeQueued() {
    log.append(notification("scheduled").delivery(EMAIL, DeliveryState.SCHEDULED, t(0)).build());
    log.append(notification("retry").delivery(EMAIL, DeliveryState.RETRY_SCHEDULED, t(0)).build());
    log.append(notification("queued").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());

    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", t(0), t(30), 10);

    assertThat(claimed).hasSize(3)
        .allSatisfy(c -> assertThat(c.delivery().state()).isEqualTo(DeliveryState.QUEUED));
  }

  @Test
  void claimDueTakesOverAnExpiredLeaseAndBreaksTheOldFence() {
    log.append(notification("n1").claimedDelivery(EMAIL, DeliveryState.QUEUED, t(0), "a", t(30))
        .build());
    Fence old = delivery("n1/1").fence().orElseThrow();

    ClaimedDelivery taken = claimOne(EMAIL, "b", t(30));

    assertThat(taken.delivery().owner()).isEqualTo("b");
    assertThat(taken.delivery().leaseSeq()).isEqualTo(old.seq() + 1);
    assertThat(log.transition("n1/1", old, DeliveryUpdate.sending(t(31)))).isFalse();
    assertThat(delivery("n1/1")).isEqualTo(taken.delivery());
  }

  @Test
  void takeoverOfAnExpiredSendingLeaseKeepsSending() {
    log.append(notification("n1").claimedDelivery(EMAIL, DeliveryState.SENDING, t(0), "a", t(30))
        .build());

    ClaimedDelivery taken = claimOne(EMAIL, "b", t(40));

    assertThat(taken.delivery().state()).isEqualTo(DeliveryState.SENDING);
    assertThat(taken.delivery().owner()).isEqualTo("b");
  }

  @Test
  void aLiveLeaseIsNeverClaimed() {
    log.append(notification("n1").claimedDelivery(EMAIL, DeliveryState.QUEUED, t(0), "a", t(30))
        .build());
    DeliveryRecord held = delivery("n1/1");

    assertThat(log.claimDue(EMAIL, "b", t(29), t(60), 10)).isEmpty();
    assertThat(log.claimDue(EMAIL, "a", t(29), t(60), 10)).as("not even by its owner").isEmpty();
    assertThat(delivery("n1/1")).isEqualTo(held);
  }

  @Test
  void aLiveLeaseIsRespectedAfterAClaimAtALaterInstant() {
    // Claimers' clocks differ a little: a claim at t(40) must not make the lease look expired
    // to a claim at t(29), nor take what a later claim took.
    log.append(notification("urgent").priority(Priority.HIGH)
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("n1").claimedDelivery(EMAIL, DeliveryState.QUEUED, t(0), "a", t(30))
        .build());

    assertThat(ids(log.claimDue(EMAIL, "b", t(40), t(70), 1))).containsExactly("urgent/1");
    assertThat(log.claimDue(EMAIL, "c", t(29), t(59), 10)).isEmpty();
    assertThat(ids(log.claimDue(EMAIL, "c", t(30), t(60), 10))).containsExactly("n1/1");
  }

  @Test
  void claimDueLeavesTerminalDeliveriesAlone() {
    for (DeliveryState s : DeliveryState.values()) {
      if (s.isTerminal()) {
        log.append(notification(s.name()).delivery(EMAIL, s, t(-10)).build());
      }
    }

    assertThat(log.claimDue(EMAIL, "a", t(0), t(30), 100)).isEmpty();
  }

  @Test
  void hasDueAnswersWhatAClaimWouldTakeWithoutClaimingIt() {
    assertThat(log.hasDue(EMAIL, t(0))).as("an empty log").isFalse();
    log.append(notification("later").delivery(EMAIL, DeliveryState.SCHEDULED, t(5)).build());
    log.append(notification("sms").delivery(SMS, DeliveryState.QUEUED, t(-5)).build());
    log.append(notification("done").delivery(EMAIL, DeliveryState.SENT, t(-5)).build());

    assertThat(log.hasDue(EMAIL, t(4))).as("not due yet; another channel; terminal").isFalse();
    assertThat(log.hasDue(EMAIL, t(5))).isTrue();
    assertThat(log.hasDue(SMS, t(0))).isTrue();
    assertThat(ids(log.claimDue(EMAIL, "a", t(5), t(35), 10))).as("nothing was claimed")
        .containsExactly("later/1");
    assertThat(log.hasDue(EMAIL, t(5))).as("claimed now").isFalse();
  }

  @Test
  void hasDueSeesExpiredLeasesButNotLiveOnes() {
    log.append(notification("n1").claimedDelivery(EMAIL, DeliveryState.QUEUED, t(0), "a", t(30))
        .build());

    assertThat(log.hasDue(EMAIL, t(29))).isFalse();
    assertThat(log.hasDue(EMAIL, t(30))).isTrue();
    // A claim at a later instant moves the expired lease; an earlier instant still respects it.
    assertThat(ids(log.claimDue(EMAIL, "b", t(40), t(70), 1))).containsExactly("n1/1");
    log.append(notification("n2").claimedDelivery(EMAIL, DeliveryState.QUEUED, t(0), "a", t(30))
        .build());
    assertThat(log.hasDue(EMAIL, t(29))).isFalse();
  }

  @Test
  void concurrentClaimsNeverHandOneDeliveryToTwoOwners() throws Exception {
    int count = 1000;
    for (int i = 0; i < count; i++) {
      Priority p = Priority.values()[i % 3];
      log.append(notification("n" + i).priority(p).delivery(EMAIL, DeliveryState.QUEUED,
          t(-(i % 17))).build());
    }
    Map<String, String> ownerOf = new ConcurrentHashMap<>();
    AtomicInteger doubles = new AtomicInteger();

    runConcurrently(8, i -> {
      String owner = "owner-" + i;
      List<ClaimedDelivery> batch;
      do {
        batch = log.claimDue(EMAIL, owner, t(0), t(300), 7);
        for (ClaimedDelivery c : batch) {
          assertThat(c.delivery().owner()).isEqualTo(owner);
          if (ownerOf.putIfAbsent(c.delivery().id(), owner) != null) {
            doubles.incrementAndGet();
          }
        }
      } while (!batch.isEmpty());
      return null;
    });

    assertThat(doubles).hasValue(0);
    assertThat(ownerOf).hasSize(count);
    ownerOf.forEach((id, owner) -> assertThat(delivery(id).owner()).isEqualTo(owner));
  }
}
