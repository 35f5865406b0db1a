package dev.notify.jdbc.internal;

import dev.notify.LogUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs units of work in transactions on the user's {@link DataSource}, each with the log's time
 * read once at its start. A serialization failure, a deadlock or a lock timeout rolls back and
 * runs the unit again (a few times, with a short random pause); anything else that goes wrong
 * with the database surfaces as {@link LogUnavailableException}, which the SPI's callers treat
 * as transient and ambiguous.
 */
public final class Db {
  /** How often a unit is run again after a serialization failure or a deadlock. */
  private static final int RETRIES = 8;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String prefix;
  private final @Nullable Clock clock;

  /**
   * A unit of work in one transaction.
   *
   * @param <T> its result
   */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the work.
     *
     * @param c the connection, in a transaction
     * @param now the log's time for this transaction
     * @return the result
     * @throws SQLException rolls the transaction back
     */
    T run(Connection c, Instant now) throws SQLException;
  }

  /**
   * Creates the runner.
   *
   * @param dataSource where connections come from
   * @param dialect the database's dialect
   * @param prefix the table prefix
   * @param clock the log's clock, or {@code null} for the database's own {@code now()}
   */
  public Db(DataSource dataSource, Dialect dialect, String prefix, @Nullable Clock clock) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.prefix = prefix;
    this.clock = clock;
  }

  /** {@return the dialect} */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * {@return the statement with {@code ${p}} replaced by the table prefix}
   *
   * @param sql a statement naming tables as {@code ${p}name}
   */
  public String sql(String sql) {
    return sql.replace("${p}", prefix);
  }

  /**
   * Runs the work in a transaction and commits it.
   *
   * @param <T> the result type
   * @param what what the work does, for the message of a failure
   * @param work the work
   * @return its result
   * @throws LogUnavailableException if the database failed; the work may or may not have been
   *     committed
   */
  public <T> T tx(String what, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (SQLException e) {
        if (attempt < RETRIES && isRetryable(e)) {
          pause(attempt);
          continue;
        }
        throw new LogUnavailableException("notify-jdbc could not " + what + ": "
            + describe(e), masked(e));
      }
    }
  }

  /**
   * Runs the work once in a transaction, without retries.
   *
   * @param <T> the result type
   * @param work the work
   * @return its result
   * @throws SQLException what the database threw; the transaction was rolled back if possible
   */
  public <T> T once(Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c, now(c));
        try {
          c.commit();
        } catch (SQLException e) {
          if (isRetryable(e)) {
            throw e; // refused at the commit (a serialization failure): rolled back
          }
          throw new AmbiguousCommitException(e);
        }
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        restore(c, auto);
      }
    }
  }

  /**
   * {@return the log's time, read on this connection when the database keeps it}
   *
   * @param c the connection of the current transaction
   * @throws SQLException if the database cannot be asked
   */
  public Instant now(Connection c) throws SQLException {
    if (clock != null) {
      return Micros.truncate(clock.instant());
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(dialect.nowQuery())) {
      rs.next();
      return Micros.truncate(rs.getObject(1, OffsetDateTime.class).toInstant());
    }
  }

  /**
   * {@return the current time without a transaction of the caller's}
   */
  public Instant now() {
    if (clock != null) {
      return Micros.truncate(clock.instant());
    }
    return tx("read the database's time", (c, now) -> now);
  }

  /**
   * {@return true for a failure that a new run of the same transaction may not meet: a
   * serialization failure, a deadlock, a lock timeout}
   *
   * @param e what the database threw
   */
  public static boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (state != null && (state.equals("40001") || state.equals("40P01")
            || state.equals("55P03") || state.equals("HYT00"))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@return true if the failure is a unique key violation}
   *
   * @param e what the database threw
   */
  public static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The commit itself failed (the connection was lost, say): the transaction may or may not have
   * committed. Every failure before the commit rolled back.
   */
  public static final class AmbiguousCommitException extends SQLException {
    private static final long serialVersionUID = 1L;

    AmbiguousCommitException(SQLException cause) {
      super("the commit failed; the transaction may or may not have committed: "
          + masked(cause).getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
    }
  }

  private static String describe(SQLException e) {
    SQLException m = masked(e);
    return m.getMessage();
  }

  /**
   * {@return the failure without the values it may quote: a batch failure's message lists the
   * statement's parameters (addresses, the notification's JSON), and a server's detail line the
   * key values; only the first line of the underlying server message is kept, with its
   * SQLState}
   */
  static SQLException masked(SQLException e) {
    SQLException root = e;
    while (root instanceof java.sql.BatchUpdateException && root.getNextException() != null) {
      root = root.getNextException();
    }
    String message = String.valueOf(root.getMessage());
    if (root instanceof java.sql.BatchUpdateException) {
      message = "a batch of statements failed";
    }
    int nl = message.indexOf('\n');
    if (nl >= 0) {
      message = message.substring(0, nl);
    }
    SQLException masked = new SQLException(root.getClass().getSimpleName() + " (SQLState "
        + root.getSQLState() + "): " + message, root.getSQLState(), root.getErrorCode());
    masked.setStackTrace(root.getStackTrace());
    return masked;
  }

  private static void pause(int attempt) {
    long micros = ThreadLocalRandom.current().nextLong(200, 1000L * Math.min(attempt, 5));
    LockSupport.parkNanos(micros * 1000);
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException r) {
      cause.addSuppressed(r);
    }
  }

  private static void restore(Connection c, boolean auto) {
    try {
      c.setAutoCommit(auto);
    } catch (SQLException ignored) {
      // the pool validates the connection before handing it out again
    }
  }
}
