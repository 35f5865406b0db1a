package dev.notify.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes finished notifications in batches, one transaction per batch, so a large purge neither
 * holds locks for long nor builds one huge transaction. A notification is finished when none of
 * its deliveries is active; its last change is its deliveries' latest {@code updated_at} (its
 * acceptance when it has none).
 */
public final class Purges {
  private final Db db;
  private final Receipts receipts;
  private final Tally tally;
  private final int batchSize;

  /**
   * Creates the purger.
   *
   * @param db the database
   * @param receipts whose expired early receipts a purge drops too
   * @param batchSize notifications removed per transaction
   */
  public Purges(Db db, Receipts receipts, int batchSize) {
    this.db = db;
    this.receipts = receipts;
    this.tally = new Tally(db);
    this.batchSize = batchSize;
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#purge}: batches until none is left.
   *
   * @param finishedFor how long a finished notification is kept
   * @return how many were removed
   */
  public int purge(Duration finishedFor) {
    int total = 0;
    Instant cutoff = null;
    while (true) {
      Instant[] fixed = {cutoff};
      int[] removed = db.tx("purge finished notifications", (c, now) -> {
        if (fixed[0] == null) {
          fixed[0] = now.minus(finishedFor); // one cutoff for every batch of this purge
          receipts.dropExpired(c, now);
        }
        return batch(c, fixed[0]);
      });
      cutoff = fixed[0];
      total += removed[0];
      if (removed[1] < batchSize) {
        return total;
      }
    }
  }

  /** {@return what one batch removed, and how many it looked at} */
  private int[] batch(Connection c, Instant cutoff) throws SQLException {
    long at = Micros.of(cutoff);
    List<String[]> victims = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT n.id, n.parent_id,"
        + " n.counted_as FROM ${p}notification n WHERE NOT EXISTS (SELECT 1 FROM ${p}delivery d"
        + " WHERE d.notification_id = n.id AND (d.active = TRUE OR d.updated_at >= ?))"
        + " AND (n.accepted_at < ? OR EXISTS (SELECT 1 FROM ${p}delivery d"
        + " WHERE d.notification_id = n.id)) ORDER BY n.seq LIMIT ?"))) {
      ps.setLong(1, at);
      ps.setLong(2, at);
      ps.setInt(3, batchSize);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          victims.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
    }
    if (victims.isEmpty()) {
      return new int[] {0, 0};
    }
    // Each is locked and checked again: a replay may have made it active since the select.
    int removed = 0;
    for (String[] v : victims) {
      if (stillFinished(c, v[0], at)) {
        for (String table : List.of("delivery", "recipient")) {
          try (PreparedStatement ps = c.prepareStatement(db.sql("DELETE FROM ${p}" + table
              + " WHERE notification_id = ?"))) {
            ps.setString(1, v[0]);
            ps.executeUpdate();
          }
        }
        tally.forget(c, v[1], v[2]);
        try (PreparedStatement ps = c.prepareStatement(db.sql(
            "DELETE FROM ${p}notification WHERE id = ?"))) {
          ps.setString(1, v[0]);
          removed += ps.executeUpdate();
        }
      }
    }
    return new int[] {removed, victims.size()};
  }

  private boolean stillFinished(Connection c, String id, long cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT active, updated_at FROM"
        + " ${p}delivery WHERE notification_id = ? FOR UPDATE"))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getBoolean(1) || rs.getLong(2) >= cutoff) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
