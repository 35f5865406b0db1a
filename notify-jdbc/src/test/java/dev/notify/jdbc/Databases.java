package dev.notify.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Databases for the tests: fresh H2 files under target/, pools on them. */
final class Databases {
  private Databases() {
  }

  /** {@return the directory the tests' H2 files live in} */
  static Path h2Dir() {
    Path dir = Path.of("target", "h2");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.toAbsolutePath();
  }

  /** {@return the JDBC URL of a new H2 file database} */
  static String freshH2Url() {
    return "jdbc:h2:file:" + h2Dir().resolve("log-" + UUID.randomUUID()) + ";LOCK_TIMEOUT=10000";
  }

  /** {@return a pool on a new H2 file database} */
  static HikariDataSource freshH2() {
    return pool(freshH2Url(), 8);
  }

  /** {@return a small pool} */
  static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }
}
