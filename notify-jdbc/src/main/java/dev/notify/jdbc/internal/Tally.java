package dev.notify.jdbc.internal;

import dev.notify.status.DeliveryState;
import dev.notify.status.GroupMembers;
import dev.notify.status.NotificationState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The members of each group broadcast counted by state in {@code ${p}member_count}, kept as
 * members are stored, change and are purged, so that a broadcast's status reads a few rows and
 * never its members. Each member notification remembers the state it is counted under.
 */
final class Tally {
  private final Db db;

  Tally(Db db) {
    this.db = db;
  }

  /**
   * Counts each of these notifications under its current state if it is a broadcast member.
   * Call after a change that may have moved one of their deliveries into or out of a terminal
   * state. Rows are locked in id order, after every delivery row of the transaction.
   */
  void recount(Connection c, Collection<String> notificationIds) throws SQLException {
    for (String id : new TreeSet<>(notificationIds)) {
      recount(c, id);
    }
  }

  private void recount(Connection c, String id) throws SQLException {
    String parent;
    try (PreparedStatement ps = c.prepareStatement(
        db.sql("SELECT parent_id FROM ${p}notification WHERE id = ?"))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || (parent = rs.getString(1)) == null) {
          return;
        }
      }
    }
    String countedAs;
    try (PreparedStatement ps = c.prepareStatement(
        db.sql("SELECT counted_as FROM ${p}notification WHERE id = ? FOR UPDATE"))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        countedAs = rs.getString(1);
      }
    }
    NotificationState now = stateOf(c, id);
    if (countedAs != null && countedAs.equals(now.name())) {
      return;
    }
    if (countedAs != null) {
      add(c, parent, countedAs, -1);
    }
    add(c, parent, now.name(), 1);
    try (PreparedStatement ps = c.prepareStatement(
        db.sql("UPDATE ${p}notification SET counted_as = ? WHERE id = ?"))) {
      ps.setString(1, now.name());
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }

  /** Stops counting a member that is about to be removed. */
  void forget(Connection c, @Nullable String parent, @Nullable String countedAs)
      throws SQLException {
    if (parent != null && countedAs != null) {
      add(c, parent, countedAs, -1);
    }
  }

  GroupMembers members(Connection c, String parent) throws SQLException {
    Map<NotificationState, Long> counts = new EnumMap<>(NotificationState.class);
    long total = 0;
    try (PreparedStatement ps = c.prepareStatement(
        db.sql("SELECT state, n FROM ${p}member_count WHERE parent_id = ? AND n > 0"))) {
      ps.setString(1, parent);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long n = rs.getLong(2);
          counts.put(NotificationState.valueOf(rs.getString(1)), n);
          total += n;
        }
      }
    }
    return total == 0 ? GroupMembers.NONE : new GroupMembers(total, counts);
  }

  private NotificationState stateOf(Connection c, String id) throws SQLException {
    List<DeliveryState> states = new ArrayList<>();
    boolean unfinished = false;
    try (PreparedStatement ps = c.prepareStatement(
        db.sql("SELECT state FROM ${p}delivery WHERE notification_id = ? ORDER BY ord"))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          DeliveryState s = DeliveryState.valueOf(rs.getString(1));
          unfinished |= !s.isTerminal();
          states.add(s);
        }
      }
    }
    return unfinished ? NotificationState.PENDING : NotificationState.of(states);
  }

  private void add(Connection c, String parent, String state, long delta) throws SQLException {
    String sql = db.dialect() == Dialect.POSTGRESQL
        ? "INSERT INTO ${p}member_count (parent_id, state, n) VALUES (?, ?, ?)"
            + " ON CONFLICT (parent_id, state) DO UPDATE SET n = ${p}member_count.n + EXCLUDED.n"
        : "MERGE INTO ${p}member_count t USING (VALUES (CAST(? AS VARCHAR(512)),"
            + " CAST(? AS VARCHAR(16)), CAST(? AS BIGINT))) s (parent_id, state, n)"
            + " ON t.parent_id = s.parent_id AND t.state = s.state"
            + " WHEN MATCHED THEN UPDATE SET n = t.n + s.n"
            + " WHEN NOT MATCHED THEN INSERT (parent_id, state, n)"
            + " VALUES (s.parent_id, s.state, s.n)";
    try (PreparedStatement ps = c.prepareStatement(db.sql(sql))) {
      ps.setString(1, parent);
      ps.setString(2, state);
      ps.setLong(3, delta);
      ps.executeUpdate();
    }
  }
}
