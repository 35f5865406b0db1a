package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.runConcurrently;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#append} and
 * {@link dev.notify.spi.log.NotificationLog#find}: a record is stored as given but for the log's
 * stamps (QUEUED deliveries due at once, {@code updatedAt} the log's time), an id is appended
 * once (also under concurrent appends), and a second append answers the stored payload hash and
 * changes nothing.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class AppendContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public AppendContract() {
  }

  @Test
  void appendStoresTheRecordAsGivenWithTheLogsStamps() {
    at(5);
    NotificationRecord record = notification("n1").memberOf("launch")
        .delivery(EMAIL, DeliveryState.QUEUED, t(3600))
        .delivery(SMS, DeliveryState.SCHEDULED, t(60))
        .claimedDelivery(SMS, DeliveryState.QUEUED, t(0), "a").build();

    assertThat(log.append(record)).isInstanceOf(AppendResult.Appended.class);

    NotificationRecord stored = log.find("n1").orElseThrow();
    assertThat(stored.notification()).usingRecursiveComparison().isEqualTo(record.notification());
    assertThat(stored.payloadHash()).isEqualTo(record.payloadHash());
    assertThat(stored.acceptedAt()).isEqualTo(record.acceptedAt());
    assertThat(stored.parentId()).isEqualTo("launch");
    List<DeliveryRecord> given = record.deliveries();
    assertThat(stored.deliveries()).containsExactly(
        stamped(given.get(0), t(5), t(5)),
        stamped(given.get(1), t(60), t(5)),
        stamped(given.get(2), t(5), t(5)));
    assertThat(stored.deliveries().get(2).owner()).isEqualTo("a");
    assertThat(stored.deliveries().get(2).leaseSeq()).isEqualTo(1);
  }

  @Test
  void appendOfAnExistingIdAnswersTheStoredHashAndChangesNothing() {
    log.append(notification("n1").payloadHash("hash-1")
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    NotificationRecord before = log.find("n1").orElseThrow();
    at(5);

    AppendResult conflict = log.append(notification("n1").payloadHash("hash-2")
        .delivery(SMS, DeliveryState.SCHEDULED, t(5)).build());
    AppendResult duplicate = log.append(notification("n1").payloadHash("hash-1")
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());

    assertThat(conflict).isEqualTo(new AppendResult.Existing("hash-1"));
    assertThat(duplicate).isEqualTo(new AppendResult.Existing("hash-1"));
    assertThat(log.find("n1").orElseThrow().deliveries()).isEqualTo(before.deliveries());
  }

  @Test
  void appendOfAClaimedIdLeavesTheClaimAlone() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a");
    ClaimedDelivery claimed = claimOne(EMAIL, "a");

    assertThat(log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .build())).isEqualTo(new AppendResult.Existing("hash-of-n1"));

    assertThat(delivery("n1/1").fence()).isEqualTo(claimed.delivery().fence());
  }

  @Test
  void twoThreadsAppendingOneIdAppendItExactlyOnce() throws Exception {
    assertAppendedOnce(2, 500);
  }

  @Test
  void manyThreadsAppendingOneIdAppendItExactlyOnce() throws Exception {
    assertAppendedOnce(8, 200);
  }

  private void assertAppendedOnce(int threads, int ids) throws Exception {
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
          .allSatisfy(r -> assertThat(r).isEqualTo(new AppendResult.Existing(winner)));
      assertThat(log.find("same-" + i).orElseThrow().deliveries()).hasSize(1);
    }
  }

  @Test
  void findOfAnUnknownIdIsEmpty() {
    assertThat(log.find("unknown")).isEmpty();
  }

  /** The delivery as a log stores it: due and changed at the log's times. */
  static DeliveryRecord stamped(DeliveryRecord r, Instant dueAt, Instant updatedAt) {
    return new DeliveryRecord(r.id(), r.notificationId(), r.channel(), r.address(), r.userId(),
        r.priority(), r.state(), r.attemptCount(), r.attempts(), dueAt, r.owner(), r.leaseSeq(),
        r.reason(), r.providerMessageId(), r.receipts(), updatedAt);
  }
}
