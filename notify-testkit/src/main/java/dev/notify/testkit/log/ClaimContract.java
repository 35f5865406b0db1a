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
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#claimDue} and
 * {@link dev.notify.spi.log.NotificationLog#hasDue}: which deliveries are due by the log's clock,
 * in which order, up to the limit, with the owner and a new fence; concurrent claimers never
 * share a delivery. Claims between owners are in {@link HeartbeatContract}.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class ClaimContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public ClaimContract() {
  }

  @Test
  void claimDueTakesOnlyDeliveriesDueByTheLogsClock() {
    log.append(notification("past").delivery(EMAIL, DeliveryState.SCHEDULED, t(-10)).build());
    log.append(notification("queued").delivery(EMAIL, DeliveryState.QUEUED, t(50)).build());
    log.append(notification("now").delivery(EMAIL, DeliveryState.SCHEDULED, t(0)).build());
    log.append(notification("later").delivery(EMAIL, DeliveryState.SCHEDULED, t(1)).build());
    heartbeat("a");

    assertThat(ids(log.claimDue(EMAIL, "a", 10))).containsExactlyInAnyOrder("past/1",
        "queued/1", "now/1");
    at(1);
    assertThat(ids(log.claimDue(EMAIL, "a", 10))).containsExactly("later/1");
  }

  @Test
  void claimDueTakesHigherPriorityFirstThenEarliestDue() {
    log.append(notification("low").priority(Priority.LOW)
        .delivery(EMAIL, DeliveryState.SCHEDULED, t(-30)).build());
    log.append(notification("normal-late").priority(Priority.NORMAL)
        .delivery(EMAIL, DeliveryState.SCHEDULED, t(-5)).build());
    log.append(notification("high-late").priority(Priority.HIGH)
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("normal-early").priority(Priority.NORMAL)
        .delivery(EMAIL, DeliveryState.RETRY_SCHEDULED, t(-20)).build());
    log.append(notification("high-early").priority(Priority.HIGH)
        .delivery(EMAIL, DeliveryState.SCHEDULED, t(-2)).build());
    heartbeat("a");

    assertThat(ids(log.claimDue(EMAIL, "a", 10))).containsExactly("high-early/1",
        "high-late/1", "normal-early/1", "normal-late/1", "low/1");
  }

  @Test
  void claimDueTakesAtMostTheLimit() {
    for (int i = 0; i < 5; i++) {
      log.append(notification("n" + i).delivery(EMAIL, DeliveryState.SCHEDULED, t(i - 10))
          .build());
    }
    heartbeat("a");

    assertThat(ids(log.claimDue(EMAIL, "a", 2))).containsExactly("n0/1", "n1/1");
    assertThat(ids(log.claimDue(EMAIL, "a", 2))).containsExactly("n2/1", "n3/1");
    assertThat(ids(log.claimDue(EMAIL, "a", 2))).containsExactly("n4/1");
    assertThat(log.claimDue(EMAIL, "a", 2)).isEmpty();
  }

  @Test
  void claimDueTakesOnlyTheGivenChannel() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a");

    assertThat(ids(log.claimDue(SMS, "a", 10))).containsExactly("n1/2");
    assertThat(ids(log.claimDue(EMAIL, "a", 10))).containsExactly("n1/1");
    assertThat(log.claimDue("push", "a", 10)).isEmpty();
  }

  @Test
  void claimDueSetsTheOwnerTheNextLeaseSequenceAndTheLogsTime() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    long before = delivery("n1/1").leaseSeq();
    heartbeat("a");
    at(1);

    DeliveryRecord d = claimOne(EMAIL, "a").delivery();

    assertThat(d.owner()).isEqualTo("a");
    assertThat(d.leaseSeq()).isEqualTo(before + 1);
    assertThat(d.fence()).contains(new Fence("a", before + 1));
    assertThat(d.updatedAt()).isEqualTo(t(1));
    DeliveryRecord stored = delivery("n1/1");
    assertThat(stored.fence()).isEqualTo(d.fence());
    assertThat(stored.state()).isEqualTo(DeliveryState.QUEUED);
    assertThat(stored.updatedAt()).isEqualTo(t(1));
  }

  @Test
  void claimDueReturnsEachDeliveryWithWhatSendingItNeeds() {
    NotificationRecord record = notification("n1").memberOf("launch").acceptedAt(t(-5))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .build();
    log.append(record);
    heartbeat("a");

    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", 10);

    assertThat(claimed).hasSize(2).allSatisfy(c -> {
      assertThat(c.notification().id()).isEqualTo("n1");
      assertThat(c.notification().recipients()).isEqualTo(record.notification().recipients());
      assertThat(c.acceptedAt()).isEqualTo(t(-5));
      assertThat(c.parentId()).isEqualTo("launch");
      assertThat(c.delivery().notificationId()).isEqualTo("n1");
      assertThat(c.delivery().attemptCount()).isZero();
      assertThat(c.claimedFrom()).isEqualTo(DeliveryState.QUEUED);
      assertThat(delivery(c.delivery().id()).fence()).isEqualTo(c.delivery().fence());
    });
  }

  @Test
  void claimedScheduledAndRetryScheduledDeliveriesBecomeQueuedAndSayWhereTheyCameFrom() {
    log.append(notification("scheduled").delivery(EMAIL, DeliveryState.SCHEDULED, t(0)).build());
    log.append(notification("retry").delivery(EMAIL, DeliveryState.RETRY_SCHEDULED, t(0))
        .build());
    log.append(notification("queued").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a");

    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", 10);

    assertThat(claimed).hasSize(3)
        .allSatisfy(c -> assertThat(c.delivery().state()).isEqualTo(DeliveryState.QUEUED));
    assertThat(claimed).extracting(ClaimedDelivery::claimedFrom).containsExactly(
        DeliveryState.SCHEDULED, DeliveryState.RETRY_SCHEDULED, DeliveryState.QUEUED);
  }

  @Test
  void claimDueLeavesTerminalDeliveriesAlone() {
    for (DeliveryState s : DeliveryState.values()) {
      if (s.isTerminal()) {
        log.append(notification(s.name()).delivery(EMAIL, s, t(-10)).build());
      }
    }

    assertThat(log.hasDue(EMAIL, "a")).isFalse();
    assertThat(log.claimDue(EMAIL, "a", 100)).isEmpty();
  }

  @Test
  void hasDueAnswersWhatAClaimWouldTakeWithoutClaimingIt() {
    assertThat(log.hasDue(EMAIL, "a")).as("an empty log").isFalse();
    log.append(notification("later").delivery(EMAIL, DeliveryState.SCHEDULED, t(5)).build());
    log.append(notification("sms").delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("done").delivery(EMAIL, DeliveryState.SENT, t(-5)).build());
    heartbeat("a");

    at(4);
    assertThat(log.hasDue(EMAIL, "a")).as("not due yet; another channel; terminal").isFalse();
    assertThat(log.hasDue(SMS, "a")).isTrue();
    at(5);
    assertThat(log.hasDue(EMAIL, "a")).isTrue();
    assertThat(ids(log.claimDue(EMAIL, "a", 10))).as("nothing was claimed")
        .containsExactly("later/1");
    assertThat(log.hasDue(EMAIL, "a")).as("claimed now").isFalse();
  }

  @Test
  void concurrentClaimsNeverHandOneDeliveryToTwoOwners() throws Exception {
    int count = 1000;
    for (int i = 0; i < count; i++) {
      Priority p = Priority.values()[i % 3];
      log.append(notification("n" + i).priority(p).delivery(EMAIL, DeliveryState.SCHEDULED,
          t(-(i % 17))).build());
    }
    int owners = 8;
    for (int i = 0; i < owners; i++) {
      heartbeat("owner-" + i);
    }
    Map<String, String> ownerOf = new ConcurrentHashMap<>();
    AtomicInteger doubles = new AtomicInteger();

    runConcurrently(owners, i -> {
      String owner = "owner-" + i;
      List<ClaimedDelivery> batch;
      do {
        batch = log.claimDue(EMAIL, owner, 7);
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
