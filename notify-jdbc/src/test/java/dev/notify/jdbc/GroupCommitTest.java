package dev.notify.jdbc;

import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.runConcurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.testkit.log.LogFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Group commit: appends from many threads share few transactions, each caller answered for its
 * own record; a record that cannot be stored, or that repeats an id, does not fail the others.
 */
class GroupCommitTest {
  private static final int THREADS = 16;
  private static final int PER_THREAD = 200;

  @Test
  void appendsOfSixteenThreadsShareTransactionsOnH2() throws Exception {
    try (HikariDataSource pool = Databases.freshH2()) {
      shareTransactions(() -> pool, "notify_");
    }
  }

  @Test
  void appendsOfSixteenThreadsShareTransactionsOnPostgres() throws Exception {
    try (HikariDataSource pool = PostgresServer.pool(8)) {
      shareTransactions(() -> pool, PostgresServer.freshPrefix());
    }
  }

  @Test
  void aRefusedOrRepeatedRecordInABatchIsAnsweredAloneOnPostgres() throws Exception {
    try (HikariDataSource pool = PostgresServer.pool(8);
        JdbcNotificationLog log = JdbcNotificationLog.builder(pool)
            .tablePrefix(PostgresServer.freshPrefix()).build()) {
      log.append(notification("taken").delivery("email", DeliveryState.QUEUED, LogFixtures.T0)
          .build());
      List<List<String>> answers = runConcurrently(THREADS, t -> {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          if (t == 0 && i % 10 == 0) {
            // a new notification whose delivery id belongs to another: refused, alone
            NotificationRecord bad = withDeliveryId("bad-" + i, "taken/1");
            assertThatThrownBy(() -> log.append(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taken/1");
            mine.add("refused");
          } else {
            // every thread appends the same 50 ids: one append each is new, the rest repeat it
            AppendResult r = log.append(notification("shared-" + i)
                .delivery("email", DeliveryState.QUEUED, LogFixtures.T0).build());
            mine.add(r instanceof AppendResult.Appended ? "appended"
                : ((AppendResult.Existing) r).payloadHash());
          }
        }
        return mine;
      });
      long appended = answers.stream().flatMap(List::stream).filter("appended"::equals).count();
      assertThat(appended).isEqualTo(50);
      assertThat(answers.stream().flatMap(List::stream)
          .filter(a -> a.startsWith("hash-of-shared-"))).hasSize(THREADS * 50 - 50 - 5);
      for (int i = 0; i < 50; i++) {
        assertThat(log.find("shared-" + i)).isPresent();
      }
      assertThat(log.find("bad-0")).isEmpty();
    }
  }

  private static NotificationRecord withDeliveryId(String id, String deliveryId) {
    NotificationRecord r = notification(id).delivery("email", DeliveryState.QUEUED,
        LogFixtures.T0).build();
    DeliveryRecord d = r.deliveries().get(0);
    DeliveryRecord clash = new DeliveryRecord(deliveryId, id, d.channel(), d.address(),
        null, d.priority(), d.state(), 0, List.of(), d.dueAt(), null, 0, null, null, List.of(),
        d.updatedAt());
    return r.withDeliveries(List.of(clash));
  }

  private static void shareTransactions(Supplier<javax.sql.DataSource> ds, String prefix)
      throws Exception {
    CountingDataSource counting = new CountingDataSource(ds.get());
    try (JdbcNotificationLog log = JdbcNotificationLog.builder(counting).tablePrefix(prefix)
        .build()) {
      long before = counting.commits.get();
      List<Integer> appended = runConcurrently(THREADS, t -> {
        int n = 0;
        for (int i = 0; i < PER_THREAD; i++) {
          AppendResult r = log.append(notification("t" + t + "-" + i)
              .delivery("email", DeliveryState.QUEUED, LogFixtures.T0).build());
          n += r instanceof AppendResult.Appended ? 1 : 0;
        }
        return n;
      });
      long commits = counting.commits.get() - before;
      int total = THREADS * PER_THREAD;
      System.out.printf("group commit (%s): %d appends from %d threads in %d commits%n",
          log, total, THREADS, commits);
      assertThat(appended.stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
      assertThat(commits).as("commits for %d appends", total).isLessThan(total / 2);
      for (int t = 0; t < THREADS; t++) {
        assertThat(log.find("t" + t + "-" + (PER_THREAD - 1))).isPresent();
      }
    }
  }
}
