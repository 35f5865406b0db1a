package dev.notify.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the schema from the versioned scripts on the class path
 * ({@code dev/notify/jdbc/migrations/V<n>__<what>.sql}), recording each applied version in
 * {@code ${p}schema_version}. Safe when several instances start at once:
 * <ul>
 *   <li>PostgreSQL: the whole migration is one transaction (its DDL is transactional) under a
 *       transaction-scoped advisory lock keyed by the table prefix, so one instance migrates and
 *       the others then find the versions applied;</li>
 *   <li>H2: DDL commits by itself, so a lock row would not hold across it. Instances in one JVM
 *       (the only way to share an embedded file database) take a lock per database and prefix;
 *       the scripts are written to be repeatable ({@code IF NOT EXISTS}) and a version row is
 *       inserted once, so even a server-mode H2 shared by processes ends the same.</li>
 * </ul>
 */
public final class Migrations {
  /** The scripts, in order. A new version is appended here and never changed once released. */
  static final List<String> SCRIPTS = List.of("V1__log.sql");

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final Map<String, Object> H2_LOCKS = new ConcurrentHashMap<>();

  private Migrations() {
  }

  /**
   * Opens the log's database at build: finds its dialect, makes H2 commits durable if asked
   * ({@code SET WRITE_DELAY 0}) and migrates the schema if asked.
   *
   * @param dataSource the database
   * @param prefix the table prefix
   * @param durableH2 whether to set H2's write delay to 0
   * @param migrate whether to migrate
   * @return the dialect
   * @throws dev.notify.LogUnavailableException if the database cannot be reached or migrated
   */
  public static Dialect open(DataSource dataSource, String prefix, boolean durableH2,
      boolean migrate) {
    Dialect dialect;
    try (Connection c = dataSource.getConnection()) {
      dialect = Dialect.of(c);
      if (dialect == Dialect.H2 && durableH2) {
        try (Statement s = c.createStatement()) {
          s.execute("SET WRITE_DELAY 0");
        }
      }
    } catch (SQLException e) {
      throw new dev.notify.LogUnavailableException("notify-jdbc could not open the database: "
          + Db.masked(e).getMessage(), Db.masked(e));
    }
    if (migrate) {
      try {
        migrate(dataSource, dialect, prefix);
      } catch (SQLException e) {
        throw new dev.notify.LogUnavailableException("notify-jdbc could not migrate its tables"
            + " (prefix " + prefix + "): " + Db.masked(e).getMessage(), Db.masked(e));
      }
    }
    return dialect;
  }

  /**
   * Brings the schema to the newest version.
   *
   * @param dataSource the database
   * @param dialect its dialect
   * @param prefix the table prefix
   * @return how many versions this call applied (0 when another instance had already)
   * @throws SQLException if a script fails
   */
  public static int migrate(DataSource dataSource, Dialect dialect, String prefix)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (dialect == Dialect.POSTGRESQL) {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
          try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, lockKey(prefix));
            ps.execute();
          }
          int applied = apply(c, dialect, prefix);
          c.commit();
          return applied;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(auto);
        }
      }
      String key = c.getMetaData().getURL() + "|" + prefix;
      synchronized (H2_LOCKS.computeIfAbsent(key, k -> new Object())) {
        return apply(c, dialect, prefix);
      }
    }
  }

  private static int apply(Connection c, Dialect dialect, String prefix) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + prefix + "schema_version (version INT PRIMARY KEY,"
          + " script VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
    Set<Integer> done = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM " + prefix + "schema_version")) {
      while (rs.next()) {
        done.add(rs.getInt(1));
      }
    }
    int applied = 0;
    for (String script : SCRIPTS) {
      int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
      if (done.contains(version)) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        for (String statement : statements(script, dialect, prefix)) {
          s.execute(statement);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "schema_version"
          + " (version, script, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
        ps.setInt(1, version);
        ps.setString(2, script);
        ps.executeUpdate();
      }
      LOG.info("notify-jdbc applied schema version {} ({}) with table prefix '{}'", version,
          script, prefix);
      applied++;
    }
    return applied;
  }

  /** The statements of a script, with the prefix and the dialect's types filled in. */
  static List<String> statements(String script, Dialect dialect, String prefix) {
    String text;
    try (InputStream in = Migrations.class.getResourceAsStream(
        "/dev/notify/jdbc/migrations/" + script)) {
      if (in == null) {
        throw new IllegalStateException("migration script missing from the class path: " + script);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration script " + script, e);
    }
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String st = current.toString().strip();
        out.add(st.substring(0, st.length() - 1).replace("${p}", prefix)
            .replace("${text}", dialect.textType()));
        current.setLength(0);
      }
    }
    return out;
  }

  private static long lockKey(String prefix) {
    return 0x6e6f746966790000L ^ prefix.hashCode(); // "notify" and the prefix
  }
}
