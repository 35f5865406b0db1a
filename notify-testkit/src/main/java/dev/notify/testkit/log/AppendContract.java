package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.assertSameRecord;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.runConcurrently;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#append} and
 * {@link dev.notify.spi.log.NotificationLog#find}: a record is stored as given, an id is appended once
 * (also under concurrent appends), and a second append returns the stored record unchanged.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class AppendContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public AppendContract() {
  }

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
}
