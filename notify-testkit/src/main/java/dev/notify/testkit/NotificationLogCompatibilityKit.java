package dev.notify.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Attempt;
import dev.notify.DeliveryState;
import dev.notify.Notification;
import dev.notify.Outcome;
import dev.notify.Priority;
import dev.notify.Receipt;
import dev.notify.Recipient;
import dev.notify.spi.AppendResult;
import dev.notify.spi.ClaimedDelivery;
import dev.notify.spi.DeliveryRecord;
import dev.notify.spi.DeliveryUpdate;
import dev.notify.spi.Fence;
import dev.notify.spi.NotificationLog;
import dev.notify.spi.NotificationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link NotificationLog}, as tests. Every implementation extends this class and
 * returns a new, empty log from {@link #createLog()}; the tests here then run against it, so the
 * in-memory log, the JDBC log on H2 and the JDBC log on PostgreSQL all behave the same.
 *
 * <pre>{@code
 * class JdbcNotificationLogTest extends NotificationLogCompatibilityKit {
 *   @Override
 *   protected NotificationLog createLog() {
 *     return JdbcNotificationLog.create(freshDataSource());
 *   }
 * }
 * }</pre>
 *
 * <p>Time never passes by itself: every test uses explicit instants from {@link #T0}, so a test is
 * never slow and never flaky. Add implementation-specific tests to the subclass.
 */
public abstract class NotificationLogCompatibilityKit {

  /** The instant the tests count from. */
  protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  /** The channel most tests use. */
  protected static final String EMAIL = "email";
  /** A second channel. */
  protected static final String SMS = "sms";

  /** The log under test, new for every test. */
  protected NotificationLog log;

  /**
   * @return a new, empty log; called once before each test and closed after it
   */
  protected abstract NotificationLog createLog();

  @BeforeEach
  void createLogUnderTest() {
    log = createLog();
  }

  @AfterEach
  void closeLogUnderTest() {
    if (log != null) {
      log.close();
    }
  }

  // ---------------------------------------------------------------- append and find

  @Test
  void appendStoresTheRecordAsGiven() {
    NotificationRecord record = notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .claimedDelivery(SMS, DeliveryState.QUEUED, t(0), "a", t(30)).build();

    assertThat(log.append(record)).isInstanceOf(AppendResult.Appended.class);

    assertSameRecord(log.find("n1").orElseThrow(), record);
  }

  @Test
  void appendOfAnExistingIdReturnsTheStoredRecordAndChangesNothing() {
    NotificationRecord first = notification("n1").payloadHash("hash-1")
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build();
    NotificationRecord second = notification("n1").payloadHash("hash-2")
        .delivery(SMS, DeliveryState.SCHEDULED, t(5)).build();
    log.append(first);

    AppendResult result = log.append(second);

    assertThat(result).isInstanceOf(AppendResult.Existing.class);
    NotificationRecord existing = ((AppendResult.Existing) result).existing();
    assertThat(existing.payloadHash()).isEqualTo("hash-1");
    assertSameRecord(existing, first);
    assertSameRecord(log.find("n1").orElseThrow(), first);
  }

  @Test
  void appendOfAnExistingIdReturnsItsCurrentState() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    ClaimedDelivery claimed = claimOne(EMAIL, "a", t(1));

    AppendResult result = log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED,
        t(0)).build());

    assertThat(((AppendResult.Existing) result).existing().deliveries())
        .containsExactly(claimed.delivery());
  }

  @Test
  void concurrentAppendsOfOneIdAppendExactlyOnce() throws Exception {
    int threads = 8;
    int ids = 200;
    List<List<AppendResult>> results = runConcurrently(threads, thread -> {
      List<AppendResult> mine = new ArrayList<>();
      for (int i = 0; i < ids; i++) {
        mine.add(log.append(notification("same-" + i).payloadHash("hash-" + thread)
            .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build()));
      }
      return mine;
    });

    for (int i = 0; i < ids; i++) {
      int id = i;
      List<AppendResult> ofId = results.stream().map(r -> r.get(id)).toList();
      String winner = log.find("same-" + i).orElseThrow().payloadHash();
      assertThat(ofId).as("appends of same-%d", i)
          .filteredOn(r -> r instanceof AppendResult.Appended).hasSize(1);
      assertThat(ofId).filteredOn(r -> r instanceof AppendResult.Existing).hasSize(threads - 1)
          .allSatisfy(r -> assertThat(((AppendResult.Existing) r).existing().payloadHash())
              .isEqualTo(winner));
    }
  }

  @Test
  void findOfAnUnknownIdIsEmpty() {
    assertThat(log.find("unknown")).isEmpty();
  }

  // ---------------------------------------------------------------- claimDue

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

  // ---------------------------------------------------------------- transition and renew

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

  @Test
  void renewExtendsHeldLeasesAndReturnsTheLostIds() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("n2").delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", t(0), t(30), 10);
    Fence held = fenceOf(claimed, "n1/1");
    Fence other = fenceOf(claimed, "n1/2");
    Fence takenOver = claimOne(SMS, "a", t(0)).delivery().fence().orElseThrow();
    claimOne(SMS, "b", t(30));

    Set<String> lost = log.renew(Map.of("n1/1", held, "n1/2", new Fence("b", other.seq()),
        "n2/1", takenOver, "unknown/1", new Fence("a", 1)), t(90));

    assertThat(lost).containsExactlyInAnyOrder("n1/2", "n2/1", "unknown/1");
    assertThat(delivery("n1/1").leaseUntil()).isEqualTo(t(90));
    assertThat(delivery("n1/1").fence()).contains(held);
    assertThat(delivery("n1/2").leaseUntil()).isEqualTo(t(30));
    assertThat(delivery("n2/1").owner()).isEqualTo("b");
    assertThat(delivery("n2/1").leaseUntil()).isEqualTo(t(60));
  }

  @Test
  void aRenewedLeaseIsNotTakenOverUntilItExpires() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    Fence fence = claimOne(EMAIL, "a", t(0)).delivery().fence().orElseThrow();

    assertThat(log.renew(Map.of("n1/1", fence), t(90))).isEmpty();

    assertThat(log.claimDue(EMAIL, "b", t(60), t(120), 10)).isEmpty();
    assertThat(claimOne(EMAIL, "b", t(90)).delivery().owner()).isEqualTo("b");
  }

  @Test
  void renewAfterATakeoverLosesTheDelivery() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    Fence old = claimOne(EMAIL, "a", t(0)).delivery().fence().orElseThrow();
    DeliveryRecord taken = claimOne(EMAIL, "b", t(30)).delivery();

    assertThat(log.renew(Map.of("n1/1", old), t(90))).containsExactly("n1/1");
    assertThat(delivery("n1/1")).isEqualTo(taken);
  }

  // ---------------------------------------------------------------- cancel and replay

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

  // ---------------------------------------------------------------- receipts

  @Test
  void recordReceiptAddsTheReceiptToTheDeliverySentWithThatProviderMessageId() {
    log.append(notification("n1").delivery(SMS, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    List<ClaimedDelivery> claimed = log.claimDue(SMS, "a", t(1), t(31), 10);
    sent(claimedWithId(claimed, "n1/1"), "pm-1", t(2));
    sent(claimedWithId(claimed, "n1/2"), "pm-2", t(2));
    Receipt receipt = delivered(t(10));

    DeliveryRecord updated = log.recordReceipt("pm-2", receipt).orElseThrow();

    assertThat(updated.id()).isEqualTo("n1/2");
    assertThat(updated.state()).isEqualTo(DeliveryState.SENT);
    assertThat(updated.receipts()).containsExactly(receipt);
    assertThat(delivery("n1/2")).isEqualTo(updated);
    assertThat(delivery("n1/1").receipts()).isEmpty();
    Receipt bounce = new Receipt(Receipt.Kind.UNDELIVERED, t(11), "bounced");
    assertThat(log.recordReceipt("pm-2", bounce).orElseThrow().receipts())
        .containsExactly(receipt, bounce);
  }

  @Test
  void recordReceiptOfAnUnknownProviderMessageIdFindsNothing() {
    assertThat(log.recordReceipt("unknown", delivered(t(0)))).isEmpty();
  }

  // ---------------------------------------------------------------- history and dead letters

  @Test
  void historyListsTheNotificationsOfARecipientNewestFirst() {
    Recipient.Address alice = Recipient.email("alice@example.com");
    Recipient.Address bob = Recipient.phone("+14155550100");
    log.append(notification("a1").to(alice).acceptedAt(t(1)).build());
    log.append(notification("b1").to(bob).acceptedAt(t(2)).build());
    log.append(notification("ab").to(alice, bob).acceptedAt(t(3)).build());
    log.append(notification("a2").to(alice).acceptedAt(t(4)).build());

    assertThat(idsOf(log.history(alice.key(), 10))).containsExactly("a2", "ab", "a1");
    assertThat(idsOf(log.history(bob.key(), 10))).containsExactly("ab", "b1");
  }

  @Test
  void historyHonoursTheLimit() {
    Recipient.Address alice = Recipient.email("alice@example.com");
    for (int i = 0; i < 5; i++) {
      log.append(notification("n" + i).to(alice).acceptedAt(t(i)).build());
    }

    assertThat(idsOf(log.history(alice.key(), 2))).containsExactly("n4", "n3");
  }

  @Test
  void historyKeysUsersAndGroupsToo() {
    log.append(notification("n1").to(Recipient.user("u-1"), Recipient.group("g-1")).build());

    assertThat(idsOf(log.history(Recipient.user("u-1").key(), 10))).containsExactly("n1");
    assertThat(idsOf(log.history(Recipient.group("g-1").key(), 10))).containsExactly("n1");
  }

  @Test
  void historyOfAnUnknownRecipientIsEmpty() {
    assertThat(log.history("email:nobody@example.com", 10)).isEmpty();
  }

  @Test
  void deadLettersListsNotificationsWithADeadDeliveryMostRecentlyUpdatedFirst() {
    log.append(notification("ok").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("early").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("late").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("failed").delivery(EMAIL, DeliveryState.FAILED, t(0)).build());
    for (ClaimedDelivery c : log.claimDue(EMAIL, "a", t(1), t(31), 10)) {
      switch (c.notification().id()) {
        case "early" -> dead(c.delivery(), t(5));
        case "late" -> dead(c.delivery(), t(9));
        default -> sent(c.delivery(), "pm-ok", t(7));
      }
    }

    assertThat(idsOf(log.deadLetters(null, 10))).containsExactly("late", "early");
    assertThat(idsOf(log.deadLetters(null, 1))).containsExactly("late");
  }

  @Test
  void deadLettersFiltersByChannel() {
    log.append(notification("by-email").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("by-sms").delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("both").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    for (ClaimedDelivery c : log.claimDue(EMAIL, "a", t(1), t(31), 10)) {
      dead(c.delivery(), c.notification().id().equals("both") ? t(8) : t(4));
    }
    for (ClaimedDelivery c : log.claimDue(SMS, "a", t(1), t(31), 10)) {
      dead(c.delivery(), c.notification().id().equals("both") ? t(2) : t(6));
    }

    assertThat(idsOf(log.deadLetters(EMAIL, 10))).containsExactly("both", "by-email");
    assertThat(idsOf(log.deadLetters(SMS, 10))).containsExactly("by-sms", "both");
    assertThat(idsOf(log.deadLetters(null, 10))).containsExactly("both", "by-sms", "by-email");
    assertThat(log.deadLetters("push", 10)).isEmpty();
  }

  @Test
  void aReplayedNotificationLeavesTheDeadLetters() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.DEAD, t(0)).build());
    log.append(notification("n2").delivery(EMAIL, DeliveryState.DEAD, t(1)).build());
    assertThat(idsOf(log.deadLetters(EMAIL, 10))).containsExactlyInAnyOrder("n1", "n2");

    log.replay("n1", t(5));

    assertThat(idsOf(log.deadLetters(EMAIL, 10))).containsExactly("n2");
    assertThat(idsOf(log.deadLetters(null, 10))).containsExactly("n2");
  }

  // ---------------------------------------------------------------- purge

  @Test
  void purgeRemovesOnlyFinishedNotificationsThatLastChangedBeforeTheInstant() {
    log.append(notification("old-done").delivery(EMAIL, DeliveryState.SENT, t(0))
        .delivery(SMS, DeliveryState.FAILED, t(0)).updatedAt(t(10)).build());
    log.append(notification("new-done").delivery(EMAIL, DeliveryState.CANCELLED, t(0))
        .updatedAt(t(50)).build());
    log.append(notification("at-instant").delivery(EMAIL, DeliveryState.EXPIRED, t(0))
        .updatedAt(t(20)).build());
    log.append(notification("old-pending").delivery(EMAIL, DeliveryState.SENT, t(0))
        .delivery(SMS, DeliveryState.SCHEDULED, t(500)).updatedAt(t(5)).build());

    assertThat(log.purge(t(20))).isEqualTo(1);

    assertThat(log.find("old-done")).isEmpty();
    assertThat(log.find("new-done")).isPresent();
    assertThat(log.find("at-instant")).as("not before the instant").isPresent();
    assertThat(log.find("old-pending")).isPresent();
  }

  @Test
  void purgeCountsByTheLastChangeOfAnyDelivery() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    sent(claimOne(EMAIL, "a", t(1)).delivery(), "pm-1", t(2));
    assertThat(log.purge(t(100))).as("one delivery still pending").isZero();
    sent(claimOne(SMS, "a", t(30)).delivery(), "pm-2", t(40));

    assertThat(log.purge(t(40))).isZero();
    assertThat(log.purge(t(41))).isEqualTo(1);
    assertThat(log.find("n1")).isEmpty();
  }

  @Test
  void purgedNotificationsAreGoneFromEveryIndex() {
    Recipient.Address alice = Recipient.email("alice@example.com");
    log.append(notification("n1").to(alice).delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", t(1), t(31), 10);
    sent(claimedWithId(claimed, "n1/1"), "pm-1", t(2));
    dead(claimedWithId(claimed, "n1/2"), t(3));

    assertThat(log.purge(t(10))).isEqualTo(1);

    assertThat(log.find("n1")).isEmpty();
    assertThat(log.history(alice.key(), 10)).isEmpty();
    assertThat(log.deadLetters(null, 10)).isEmpty();
    assertThat(log.deadLetters(EMAIL, 10)).isEmpty();
    assertThat(log.recordReceipt("pm-1", delivered(t(11)))).isEmpty();
    assertThat(log.replay("n1", t(11))).isZero();
    assertThat(log.claimDue(EMAIL, "a", t(100), t(130), 10)).isEmpty();
    assertThat(log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(20))
        .build())).as("the id is free again").isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void purgeOfAnEmptyLogRemovesNothing() {
    assertThat(log.purge(t(1000))).isZero();
  }

  // ---------------------------------------------------------------- helpers

  /** @return {@link #T0} plus this many seconds */
  protected static Instant t(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /**
   * @param id the notification id; its deliveries get ids {@code <id>/1}, {@code <id>/2}, …
   * @return a builder of a record accepted at {@link #T0}, to a generated email address, with
   *     NORMAL priority and no deliveries until some are added
   */
  protected static RecordBuilder notification(String id) {
    return new RecordBuilder(id);
  }

  /** @return a receipt saying the message was delivered */
  protected static Receipt delivered(Instant at) {
    return new Receipt(Receipt.Kind.DELIVERED, at, "delivered");
  }

  /** @return a retryable failed attempt */
  protected static Attempt failure(int number, Instant at) {
    return new Attempt(number, at, Outcome.RETRYABLE, "503 try later", null);
  }

  /** @return the stored delivery with this id ({@code <notification id>/<n>}) */
  protected DeliveryRecord delivery(String deliveryId) {
    String notificationId = deliveryId.substring(0, deliveryId.lastIndexOf('/'));
    return log.find(notificationId).orElseThrow().delivery(deliveryId).orElseThrow();
  }

  /** Claims exactly one due delivery of the channel with a 30 second lease, or fails. */
  protected ClaimedDelivery claimOne(String channel, String owner, Instant now) {
    List<ClaimedDelivery> claimed = log.claimDue(channel, owner, now, now.plusSeconds(30), 1);
    assertThat(claimed).as("claimable deliveries of %s at %s", channel, now).hasSize(1);
    return claimed.get(0);
  }

  /** Moves a claimed delivery to SENDING and then SENT with this provider message id. */
  protected void sent(DeliveryRecord claimed, String providerMessageId, Instant at) {
    Fence fence = claimed.fence().orElseThrow();
    assertThat(log.transition(claimed.id(), fence, DeliveryUpdate.sending(at))).isTrue();
    Attempt attempt = new Attempt(claimed.attemptCount() + 1, at, Outcome.SENT, null,
        providerMessageId);
    assertThat(log.transition(claimed.id(), fence, DeliveryUpdate.sent(attempt))).isTrue();
  }

  /** Moves a claimed delivery to DEAD after a retryable failure. */
  protected void dead(DeliveryRecord claimed, Instant at) {
    Attempt attempt = failure(claimed.attemptCount() + 1, at);
    assertThat(log.transition(claimed.id(), claimed.fence().orElseThrow(),
        DeliveryUpdate.failed(DeliveryState.DEAD, attempt, "gave up"))).isTrue();
  }

  /**
   * Asserts that a record read back from the log is the one stored. {@link Notification} has no
   * {@code equals}, so the comparison goes field by field: a durable log returns a new instance.
   */
  protected static void assertSameRecord(NotificationRecord actual, NotificationRecord expected) {
    assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
  }

  /** @return the claimed delivery with this id, or fails */
  protected static DeliveryRecord claimedWithId(List<ClaimedDelivery> claimed, String deliveryId) {
    return claimed.stream().map(ClaimedDelivery::delivery).filter(d -> d.id().equals(deliveryId))
        .findFirst().orElseThrow(() -> new AssertionError(deliveryId + " was not claimed"));
  }

  /** @return the fence of the claimed delivery with this id, or fails */
  protected static Fence fenceOf(List<ClaimedDelivery> claimed, String deliveryId) {
    return claimedWithId(claimed, deliveryId).fence().orElseThrow();
  }

  /** @return the notification ids, in order */
  protected static List<String> idsOf(List<NotificationRecord> records) {
    return records.stream().map(NotificationRecord::id).toList();
  }

  /** @return the delivery ids, in order */
  protected static List<String> ids(List<ClaimedDelivery> claimed) {
    return claimed.stream().map(c -> c.delivery().id()).toList();
  }

  /** A task run by one of {@link #runConcurrently}'s threads. */
  @FunctionalInterface
  protected interface ConcurrentTask<T> {
    /** @param thread the thread's number, from 0 */
    T run(int thread) throws Exception;
  }

  /**
   * Runs the task on {@code threads} threads released at once, and waits up to a minute for all.
   *
   * @return each thread's result, by thread number
   */
  protected static <T> List<T> runConcurrently(int threads, ConcurrentTask<T> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return task.run(thread);
        }));
      }
      ready.await();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(1, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Builds a {@link NotificationRecord} for the tests. Deliveries are made with
   * {@link DeliveryRecord#create}, addressed to the notification's first address recipient (or a
   * generated one), with the notification's priority, and changed last at {@link #updatedAt}.
   */
  protected static final class RecordBuilder {
    private final String id;
    private final List<Recipient> recipients = new ArrayList<>();
    private final List<Supplier<DeliveryRecord>> deliveries = new ArrayList<>();
    private Priority priority = Priority.NORMAL;
    private String payloadHash;
    private Instant acceptedAt = T0;
    private Instant updatedAt;

    private RecordBuilder(String id) {
      this.id = id;
      this.payloadHash = "hash-of-" + id;
    }

    /** Adds recipients; default a generated email address. */
    public RecordBuilder to(Recipient... to) {
      recipients.addAll(List.of(to));
      return this;
    }

    /** @param p the priority of the notification and its deliveries; default NORMAL */
    public RecordBuilder priority(Priority p) {
      this.priority = p;
      return this;
    }

    /** @param hash the payload hash; default {@code hash-of-<id>} */
    public RecordBuilder payloadHash(String hash) {
      this.payloadHash = hash;
      return this;
    }

    /** @param at when it was accepted; default {@link #T0} */
    public RecordBuilder acceptedAt(Instant at) {
      this.acceptedAt = at;
      return this;
    }

    /** @param at when every delivery last changed; default the acceptance */
    public RecordBuilder updatedAt(Instant at) {
      this.updatedAt = at;
      return this;
    }

    /** Adds an unclaimed delivery. */
    public RecordBuilder delivery(String channel, DeliveryState state, Instant dueAt) {
      return claimedDelivery(channel, state, dueAt, null, null);
    }

    /** Adds a delivery claimed by {@code owner} until {@code leaseUntil} (lease sequence 1). */
    public RecordBuilder claimedDelivery(String channel, DeliveryState state, Instant dueAt,
        String owner, Instant leaseUntil) {
      int n = deliveries.size() + 1;
      deliveries.add(() -> DeliveryRecord.create(id + "/" + n, id, channel, address(), priority,
          state, dueAt, owner, leaseUntil, updatedAt != null ? updatedAt : acceptedAt));
      return this;
    }

    private Recipient.Address address() {
      return recipients.stream().filter(r -> r instanceof Recipient.Address)
          .map(r -> (Recipient.Address) r).findFirst()
          .orElse(Recipient.email(id + "@example.com"));
    }

    /** @return the record */
    public NotificationRecord build() {
      if (recipients.isEmpty()) {
        recipients.add(Recipient.email(id + "@example.com"));
      }
      Notification n = Notification.builder().id(id).to(recipients).priority(priority)
          .title("Title of " + id).body("Body of " + id).build();
      List<DeliveryRecord> built = deliveries.stream().map(Supplier::get).toList();
      return new NotificationRecord(n, payloadHash, acceptedAt, built);
    }
  }
}
