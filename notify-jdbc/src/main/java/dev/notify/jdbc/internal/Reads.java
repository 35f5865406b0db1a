package dev.notify.jdbc.internal;

import dev.notify.Notification;
import dev.notify.spi.codec.NotificationCodec;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.GroupMembers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads: a notification with its deliveries, a recipient's history, dead letters, members. */
public final class Reads {
  private final Db db;
  private final NotificationCodec codec;
  private final Tally tally;

  /**
   * Creates the reader.
   *
   * @param db the database
   * @param codec reads the notifications' JSON text
   */
  public Reads(Db db, NotificationCodec codec) {
    this.db = db;
    this.codec = codec;
    this.tally = new Tally(db);
  }

  /**
   * {@return the notification, if stored}
   *
   * @param id its id
   */
  public Optional<NotificationRecord> find(String id) {
    return db.tx("read a notification", (c, now) -> Optional.ofNullable(read(c, id)));
  }

  /**
   * {@return the recipient's notifications, newest first}
   *
   * @param key the recipient key
   * @param limit at most this many
   */
  public List<NotificationRecord> history(String key, int limit) {
    return db.tx("read a recipient's history", (c, now) -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT r.notification_id FROM"
          + " ${p}recipient r JOIN ${p}notification n ON n.id = r.notification_id"
          + " WHERE r.recipient_key = ? ORDER BY r.accepted_at DESC, n.seq DESC LIMIT ?"))) {
        ps.setString(1, key);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      return readAll(c, ids);
    });
  }

  /**
   * {@return notifications with a DEAD delivery, most recently updated first}
   *
   * @param channel only this channel's, or {@code null}
   * @param limit at most this many
   */
  public List<NotificationRecord> deadLetters(@Nullable String channel, int limit) {
    return db.tx("read dead letters", (c, now) -> {
      List<String> ids = new ArrayList<>();
      String sql = "SELECT d.notification_id, MAX(d.updated_at) AS u, MAX(d.seq) AS s FROM"
          + " ${p}delivery d WHERE d.state = 'DEAD'" + (channel == null ? "" : " AND d.channel = ?")
          + " GROUP BY d.notification_id ORDER BY u DESC, s DESC LIMIT ?";
      try (PreparedStatement ps = c.prepareStatement(db.sql(sql))) {
        int i = 1;
        if (channel != null) {
          ps.setString(i++, channel);
        }
        ps.setInt(i, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      return readAll(c, ids);
    });
  }

  /**
   * {@return a broadcast's members by state}
   *
   * @param parentId the broadcast
   */
  public GroupMembers members(String parentId) {
    return db.tx("count a broadcast's members", (c, now) -> tally.members(c, parentId));
  }

  private List<NotificationRecord> readAll(Connection c, List<String> ids) throws SQLException {
    List<NotificationRecord> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      NotificationRecord r = read(c, id);
      if (r != null) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  private @Nullable NotificationRecord read(Connection c, String id) throws SQLException {
    Notification n;
    String hash;
    long acceptedAt;
    String parentId;
    try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT body, payload_hash,"
        + " accepted_at, parent_id FROM ${p}notification WHERE id = ?"))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        n = codec.fromJson(rs.getString(1));
        hash = rs.getString(2);
        acceptedAt = rs.getLong(3);
        parentId = rs.getString(4);
      }
    }
    List<DeliveryRecord> deliveries = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT " + Rows.DELIVERY_COLUMNS
        + " FROM ${p}delivery d WHERE d.notification_id = ? ORDER BY d.ord"))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          deliveries.add(Rows.delivery(rs, 1));
        }
      }
    }
    return new NotificationRecord(n, hash, Micros.at(acceptedAt), deliveries, parentId);
  }
}
