package dev.notify.jdbc;

import static dev.notify.testkit.log.LogFixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.notify.spi.log.AppendResult;
import dev.notify.status.DeliveryState;
import dev.notify.testkit.log.LogFixtures;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A quick measurement, not a test of speed (it asserts only that every append was stored):
 * appends per second into H2 and PostgreSQL from 16 threads, with group commit and with one
 * commit per append. Opt-in: {@code -Dnotify.jdbc.measure=true}. The real benchmark belongs to
 * notify-bench.
 */
@EnabledIfSystemProperty(named = "notify.jdbc.measure", matches = "true")
class AppendThroughputMeasurement {
  private static final int THREADS = 16;
  private static final int PER_THREAD = 1250;

  @Test
  void measure() throws Exception {
    StringBuilder table = new StringBuilder("| database | commits | appends/s |\n|---|---|---|\n");
    for (String db : List.of("H2", "PostgreSQL")) {
      for (boolean group : List.of(true, false)) {
        double rate = run(db, group ? b -> b : JdbcNotificationLog.Builder::withoutGroupCommit);
        table.append(String.format("| %s | %s | %,.0f |%n", db,
            group ? "group commit (≤2 ms)" : "one per append", rate));
      }
    }
    System.out.println(table);
  }

  private static double run(String db, UnaryOperator<JdbcNotificationLog.Builder> config)
      throws Exception {
    try (HikariDataSource pool = db.equals("H2") ? Databases.freshH2() : PostgresServer.pool(17);
        JdbcNotificationLog log = config.apply(JdbcNotificationLog.builder(pool)
            .tablePrefix(db.equals("H2") ? "notify_" : PostgresServer.freshPrefix())).build()) {
      String run = Long.toString(System.nanoTime(), 36);
      long start = System.nanoTime();
      List<Integer> stored = LogFixtures.runConcurrently(THREADS, t -> {
        int n = 0;
        for (int i = 0; i < PER_THREAD; i++) {
          AppendResult r = log.append(notification(run + "-" + t + "-" + i)
              .delivery("email", DeliveryState.QUEUED, LogFixtures.T0).build());
          n += r instanceof AppendResult.Appended ? 1 : 0;
        }
        return n;
      });
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(stored.stream().mapToInt(Integer::intValue).sum())
          .isEqualTo(THREADS * PER_THREAD);
      return THREADS * PER_THREAD / seconds;
    }
  }
}
