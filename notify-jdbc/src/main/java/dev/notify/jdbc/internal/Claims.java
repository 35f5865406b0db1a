package dev.notify.jdbc.internal;

import dev.notify.Notification;
import dev.notify.spi.codec.NotificationCodec;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Claims of due work, instance leases and giving claims back. A claim selects due rows with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers on any number of instances take disjoint
 * rows without waiting for each other, and takes at most the limit asked for.
 */
public final class Claims {
  /**
   * Due rows of one channel that {@code owner} may take: unclaimed, or claimed by another owner
   * whose instance lease has expired (or who never had one). Parameters: channel, now, owner,
   * now, limit.
   */
  private static final String DUE = "SELECT d.id FROM ${p}delivery d"
      + " WHERE d.channel = ? AND d.active = TRUE AND d.due_at <= ?"
      + " AND (d.owner IS NULL OR (d.owner <> ? AND NOT EXISTS (SELECT 1 FROM ${p}instance i"
      + " WHERE i.owner = d.owner AND i.lease_until > ?)))"
      + " ORDER BY d.priority, d.due_at, d.seq LIMIT ?";

  private final Db db;
  private final NotificationCodec codec;

  /**
   * Creates the claimer.
   *
   * @param db the database
   * @param codec reads the notifications' JSON text
   */
  public Claims(Db db, NotificationCodec codec) {
    this.db = db;
    this.codec = codec;
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#claimDue}.
   *
   * @param channel the channel
   * @param owner the claimer
   * @param limit at most this many
   * @return the claimed deliveries
   */
  public List<ClaimedDelivery> claimDue(String channel, String owner, int limit) {
    if (limit == 0) {
      return List.of();
    }
    return db.tx("claim due deliveries", (c, now) -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(db.sql(DUE + " FOR UPDATE SKIP LOCKED"))) {
        bindDue(ps, channel, owner, now, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      if (ids.isEmpty()) {
        return List.of();
      }
      List<ClaimedDelivery> claimed = new ArrayList<>(ids.size());
      String sql = "SELECT " + Rows.DELIVERY_COLUMNS + ", n.body, n.accepted_at, n.parent_id"
          + " FROM ${p}delivery d JOIN ${p}notification n ON n.id = d.notification_id"
          + " WHERE d.id = ?";
      try (PreparedStatement read = c.prepareStatement(db.sql(sql));
          PreparedStatement update = c.prepareStatement(db.sql(Rows.UPDATE_DELIVERY))) {
        for (String id : ids) {
          read.setString(1, id);
          try (ResultSet rs = read.executeQuery()) {
            rs.next();
            DeliveryRecord before = Rows.delivery(rs, 1);
            Notification n = codec.fromJson(rs.getString(17));
            Instant acceptedAt = Micros.at(rs.getLong(18));
            String parentId = rs.getString(19);
            DeliveryRecord after = before.claim(owner, now);
            Rows.bindUpdate(update, after, null, 0, null);
            update.addBatch();
            claimed.add(new ClaimedDelivery(n, acceptedAt, parentId, after, before.state()));
          }
        }
        update.executeBatch();
      }
      return Collections.unmodifiableList(claimed);
    });
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#hasDue}.
   *
   * @param channel the channel
   * @param owner the instance that would claim
   * @return true if a claim would take something now
   */
  public boolean hasDue(String channel, String owner) {
    return db.tx("look for due deliveries", (c, now) -> {
      try (PreparedStatement ps = c.prepareStatement(db.sql(DUE))) {
        bindDue(ps, channel, owner, now, 1);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  private static void bindDue(PreparedStatement ps, String channel, String owner, Instant now,
      int limit) throws SQLException {
    ps.setString(1, channel);
    ps.setLong(2, Micros.of(now));
    ps.setString(3, owner);
    ps.setLong(4, Micros.of(now));
    ps.setInt(5, limit);
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#heartbeat}: never shortens a lease.
   *
   * @param owner the instance
   * @param lease how long from the log's now
   */
  public void heartbeat(String owner, Duration lease) {
    db.tx("renew the instance lease", (c, now) -> {
      long until = Micros.of(now.plus(lease));
      int updated;
      try (PreparedStatement ps = c.prepareStatement(db.sql("UPDATE ${p}instance"
          + " SET lease_until = ? WHERE owner = ? AND lease_until < ?"))) {
        ps.setLong(1, until);
        ps.setString(2, owner);
        ps.setLong(3, until);
        updated = ps.executeUpdate();
      }
      if (updated == 0) {
        String insert = db.dialect() == Dialect.POSTGRESQL
            ? "INSERT INTO ${p}instance (owner, lease_until) VALUES (?, ?)"
                + " ON CONFLICT (owner) DO NOTHING"
            : "MERGE INTO ${p}instance t USING (VALUES (CAST(? AS VARCHAR(512)),"
                + " CAST(? AS BIGINT))) s (owner, lease_until) ON t.owner = s.owner"
                + " WHEN NOT MATCHED THEN INSERT (owner, lease_until)"
                + " VALUES (s.owner, s.lease_until)";
        try (PreparedStatement ps = c.prepareStatement(db.sql(insert))) {
          ps.setString(1, owner);
          ps.setLong(2, until);
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#releaseAll}.
   *
   * @param owner the instance
   * @param keep what it goes on holding
   * @return how many were given back
   */
  public int releaseAll(String owner, Set<String> keep) {
    return db.tx("give claims back", (c, now) -> {
      List<DeliveryRecord> held = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT " + Rows.DELIVERY_COLUMNS
          + " FROM ${p}delivery d WHERE d.owner = ? ORDER BY d.id FOR UPDATE"))) {
        ps.setString(1, owner);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            DeliveryRecord r = Rows.delivery(rs, 1);
            if (!keep.contains(r.id())) {
              held.add(r);
            }
          }
        }
      }
      try (PreparedStatement update = c.prepareStatement(db.sql(Rows.UPDATE_DELIVERY))) {
        for (DeliveryRecord r : held) {
          Rows.bindUpdate(update, Rows.givenBack(r, now), null, 0, null);
          update.addBatch();
        }
        if (!held.isEmpty()) {
          update.executeBatch();
        }
      }
      return held.size();
    });
  }
}
