package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.runConcurrently;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.LogFullException;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link NotificationLog#appendAll}: one atomic step in which new records are
 * appended, duplicates (an id stored with the same hash, or repeated in the batch) answer
 * {@link AppendResult.Existing}, and a conflict (an id stored with another hash) stores nothing:
 * the conflicting records answer the stored hash and the new ones {@link AppendResult.Skipped}. A
 * bounded log that cannot hold the new records throws {@link LogFullException} and stores
 * nothing; that part runs only where {@link #createBoundedLog} gives a bounded log.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class AppendAllContract extends LogContract {

  private static final AppendResult APPENDED = new AppendResult.Appended();
  private static final AppendResult SKIPPED = new AppendResult.Skipped();

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public AppendAllContract() {
  }

  /**
   * {@return a new, empty log that holds at most {@code maxNotifications} unfinished
   * notifications, or empty if the log under test has no such bound (its tests are skipped)}
   *
   * @param clock the test's clock
   * @param maxNotifications how many notifications with pending deliveries the log may hold
   */
  protected Optional<NotificationLog> createBoundedLog(Clock clock, int maxNotifications) {
    return Optional.empty();
  }

  private static NotificationRecord queued(String id) {
    return notification(id).delivery(EMAIL, DeliveryState.QUEUED, t(0)).build();
  }

  private static NotificationRecord queued(String id, String hash) {
    return notification(id).payloadHash(hash).delivery(EMAIL, DeliveryState.QUEUED, t(0)).build();
  }

  @Test
  void appendAllStoresEveryNewRecord() {
    at(3);

    assertThat(log.appendAll(List.of(queued("n1"), queued("n2"), queued("n3"))))
        .containsExactly(APPENDED, APPENDED, APPENDED);

    for (String id : List.of("n1", "n2", "n3")) {
      NotificationRecord stored = log.find(id).orElseThrow();
      assertThat(stored.payloadHash()).isEqualTo("hash-of-" + id);
      assertThat(stored.deliveries()).singleElement().satisfies(d -> {
        assertThat(d.dueAt()).as("due at once by the log's clock").isEqualTo(t(3));
        assertThat(d.updatedAt()).isEqualTo(t(3));
      });
    }
  }

  @Test
  void aRecordStoredWithTheSameHashIsADuplicateAndTheOthersAreAppended() {
    log.append(queued("n1"));
    NotificationRecord before = log.find("n1").orElseThrow();
    at(3);

    assertThat(log.appendAll(List.of(queued("n1"), queued("n2"))))
        .containsExactly(new AppendResult.Existing("hash-of-n1"), APPENDED);

    assertThat(log.find("n1").orElseThrow().deliveries()).isEqualTo(before.deliveries());
    assertThat(log.find("n2")).isPresent();
  }

  @Test
  void anIdRepeatedInTheBatchIsStoredOnce() {
    NotificationRecord first = notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .build();
    NotificationRecord again = notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build();

    assertThat(log.appendAll(List.of(first, queued("n2"), again)))
        .containsExactly(APPENDED, APPENDED, new AppendResult.Existing("hash-of-n1"));

    assertThat(log.find("n1").orElseThrow().deliveries()).hasSize(1);
  }

  @Test
  void aConflictStoresNothingOfTheBatch() {
    log.append(queued("taken", "hash-1"));
    NotificationRecord before = log.find("taken").orElseThrow();

    List<AppendResult> results = log.appendAll(List.of(queued("n1"), queued("taken", "hash-2"),
        queued("n2"), queued("n1")));

    assertThat(results).containsExactly(SKIPPED, new AppendResult.Existing("hash-1"), SKIPPED,
        SKIPPED);
    assertThat(log.find("n1")).isEmpty();
    assertThat(log.find("n2")).isEmpty();
    assertThat(log.find("taken").orElseThrow().deliveries()).isEqualTo(before.deliveries());
    assertThat(log.claimDue(EMAIL, "a", 10)).as("only the stored record's delivery")
        .hasSize(1);
  }

  @Test
  void aConflictBesideADuplicateAnswersEachStoredHash() {
    log.append(queued("same", "hash-s"));
    log.append(queued("taken", "hash-t"));

    assertThat(log.appendAll(List.of(queued("same", "hash-s"), queued("new"),
        queued("taken", "hash-other"))))
        .containsExactly(new AppendResult.Existing("hash-s"), SKIPPED,
            new AppendResult.Existing("hash-t"));
    assertThat(log.find("new")).isEmpty();
  }

  @Test
  void concurrentBatchesSharingAnIdAppendItExactlyOnce() throws Exception {
    int rounds = 200;
    List<List<List<AppendResult>>> results = runConcurrently(2, thread -> {
      List<List<AppendResult>> mine = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        mine.add(log.appendAll(List.of(queued("own-" + thread + "-" + i),
            queued("shared-" + i))));
      }
      return mine;
    });

    for (int i = 0; i < rounds; i++) {
      int round = i;
      assertThat(results).as("own records of round %d", i)
          .allSatisfy(r -> assertThat(r.get(round).get(0)).isEqualTo(APPENDED));
      assertThat(results.stream().map(r -> r.get(round).get(1)).toList())
          .as("the shared record of round %d", i)
          .containsExactlyInAnyOrder(APPENDED, new AppendResult.Existing("hash-of-shared-" + i));
    }
  }

  @Test
  void aFullLogThrowsAndStoresNothingOfTheBatch() {
    Optional<NotificationLog> created = createBoundedLog(time.clock(), 3);
    assumeTrue(created.isPresent(), "the log under test is not bounded");
    try (NotificationLog bounded = created.get()) {
      bounded.append(queued("p1"));
      bounded.append(queued("p2"));

      assertThatThrownBy(() -> bounded.appendAll(List.of(queued("n1"), queued("n2"))))
          .isInstanceOf(LogFullException.class);

      assertThat(bounded.find("n1")).as("the first would have fit").isEmpty();
      assertThat(bounded.find("n2")).isEmpty();
      assertThat(bounded.appendAll(List.of(queued("p1"), queued("n1"))))
          .as("a duplicate needs no room").containsExactly(
              new AppendResult.Existing("hash-of-p1"), APPENDED);
      assertThatThrownBy(() -> bounded.appendAll(List.of(queued("n3"))))
          .isInstanceOf(LogFullException.class);
      assertThat(bounded.find("n3")).isEmpty();
    }
  }
}
