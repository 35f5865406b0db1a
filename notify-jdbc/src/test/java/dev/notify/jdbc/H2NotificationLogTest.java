package dev.notify.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.notify.spi.log.NotificationLog;
import dev.notify.testkit.NotificationLogCompatibilityKit;
import java.time.Clock;

/** The log contract on an H2 file database, a fresh one per test, with group commit on. */
class H2NotificationLogTest extends NotificationLogCompatibilityKit {

  @Override
  protected NotificationLog createLog(Clock clock) {
    HikariDataSource pool = Databases.freshH2();
    return new ClosingLog(JdbcNotificationLog.builder(pool).clock(clock).build(), pool);
  }
}
