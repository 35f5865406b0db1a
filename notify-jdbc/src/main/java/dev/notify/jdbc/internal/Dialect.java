package dev.notify.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** What differs between the two databases the log speaks: a few statements and types. */
public enum Dialect {
  /** H2 2.x, embedded file mode (or server mode). */
  H2("CHARACTER VARYING", "SELECT CURRENT_TIMESTAMP"),
  /** PostgreSQL 12 or later. */
  POSTGRESQL("TEXT", "SELECT now()");

  private final String textType;
  private final String nowQuery;

  Dialect(String textType, String nowQuery) {
    this.textType = textType;
    this.nowQuery = nowQuery;
  }

  /** {@return the unbounded text column type} */
  public String textType() {
    return textType;
  }

  /** {@return the query that reads the database's current time, one row, one column} */
  public String nowQuery() {
    return nowQuery;
  }

  /**
   * {@return the dialect of the database behind the connection}
   *
   * @param c an open connection
   * @throws SQLException if the metadata cannot be read
   * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
   */
  public static Dialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    String p = product.toLowerCase(Locale.ROOT);
    if (p.contains("h2")) {
      return H2;
    }
    if (p.contains("postgres")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("notify-jdbc speaks H2 and PostgreSQL, not " + product);
  }
}
