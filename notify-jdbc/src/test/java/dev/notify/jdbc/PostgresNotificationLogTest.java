package dev.notify.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.notify.spi.log.NotificationLog;
import dev.notify.testkit.NotificationLogCompatibilityKit;
import java.time.Clock;

/**
 * The log contract on a real PostgreSQL server, tables of its own (a fresh prefix) per test,
 * with group commit on.
 */
class PostgresNotificationLogTest extends NotificationLogCompatibilityKit {

  @Override
  protected NotificationLog createLog(Clock clock) {
    HikariDataSource pool = PostgresServer.pool(8);
    return new ClosingLog(JdbcNotificationLog.builder(pool)
        .tablePrefix(PostgresServer.freshPrefix()).clock(clock).build(), pool);
  }
}
