package dev.notify.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.notify.spi.log.NotificationLog;
import dev.notify.testkit.log.ForwardingNotificationLog;

/** A log that closes its pool after itself: each kit test gets its own database. */
final class ClosingLog extends ForwardingNotificationLog {
  private final HikariDataSource pool;

  ClosingLog(NotificationLog log, HikariDataSource pool) {
    super(log);
    this.pool = pool;
  }

  @Override
  public void close() {
    try {
      super.close();
    } finally {
      pool.close();
    }
  }
}
