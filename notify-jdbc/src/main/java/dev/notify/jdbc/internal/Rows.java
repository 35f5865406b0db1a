package dev.notify.jdbc.internal;

import dev.notify.Priority;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.status.DeliveryState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.jspecify.annotations.Nullable;

/** A delivery row read into a {@link DeliveryRecord} and written from one. */
final class Rows {
  /** The columns {@link #delivery} reads, in order, for {@code SELECT ... FROM ${p}delivery d}. */
  static final String DELIVERY_COLUMNS = "d.id, d.notification_id, d.channel, d.address,"
      + " d.user_id, d.priority, d.state, d.attempt_count, d.attempts, d.due_at, d.owner,"
      + " d.lease_seq, d.reason, d.provider_message_id, d.receipts, d.updated_at";

  /** Sets every changeable column of one delivery (14 parameters), then its id (the 15th). */
  static final String UPDATE_DELIVERY = "UPDATE ${p}delivery SET state = ?, active = ?,"
      + " attempt_count = ?, attempts = ?, due_at = ?, owner = ?, lease_seq = ?, reason = ?,"
      + " provider_message_id = ?, receipts = ?, updated_at = ?, last_fence_owner = ?,"
      + " last_fence_seq = ?, last_update = ? WHERE id = ?";

  static final String INSERT_DELIVERY = "INSERT INTO ${p}delivery (id, notification_id, ord,"
      + " parent_id, channel, address, user_id, priority, state, active, attempt_count,"
      + " attempts, due_at, owner, lease_seq, reason, provider_message_id, receipts,"
      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private Rows() {
  }

  /** Reads the {@link #DELIVERY_COLUMNS} from the current row, starting at column {@code at}. */
  static DeliveryRecord delivery(ResultSet rs, int at) throws SQLException {
    int i = at;
    String id = rs.getString(i++);
    String notificationId = rs.getString(i++);
    String channel = rs.getString(i++);
    String address = rs.getString(i++);
    String userId = rs.getString(i++);
    Priority priority = Priority.values()[rs.getInt(i++)];
    DeliveryState state = DeliveryState.valueOf(rs.getString(i++));
    int attemptCount = rs.getInt(i++);
    String attempts = rs.getString(i++);
    long dueAt = rs.getLong(i++);
    String owner = rs.getString(i++);
    long leaseSeq = rs.getLong(i++);
    String reason = rs.getString(i++);
    String pmid = rs.getString(i++);
    String receipts = rs.getString(i++);
    long updatedAt = rs.getLong(i);
    return new DeliveryRecord(id, notificationId, channel, JsonColumns.address(address), userId,
        priority, state, attemptCount, JsonColumns.attempts(attempts), Micros.at(dueAt), owner,
        leaseSeq, reason, pmid, JsonColumns.receipts(receipts), Micros.at(updatedAt));
  }

  /**
   * Adds the update of one delivery to a batch of {@link #UPDATE_DELIVERY}.
   *
   * @param lastFenceOwner with {@code lastFenceSeq} and {@code lastUpdate}: the transition that
   *     made this change, so that its retry is recognised; all null for any other change
   */
  static void bindUpdate(PreparedStatement ps, DeliveryRecord r, @Nullable String lastFenceOwner,
      long lastFenceSeq, @Nullable String lastUpdate) throws SQLException {
    ps.setString(1, r.state().name());
    ps.setBoolean(2, !r.state().isTerminal());
    ps.setInt(3, r.attemptCount());
    ps.setString(4, JsonColumns.attempts(r.attempts()));
    ps.setLong(5, Micros.of(r.dueAt()));
    ps.setString(6, r.owner());
    ps.setLong(7, r.leaseSeq());
    ps.setString(8, r.reason());
    ps.setString(9, r.providerMessageId());
    ps.setString(10, JsonColumns.receipts(r.receipts()));
    ps.setLong(11, Micros.of(r.updatedAt()));
    ps.setString(12, lastFenceOwner);
    if (lastFenceOwner == null) {
      ps.setNull(13, Types.BIGINT);
    } else {
      ps.setLong(13, lastFenceSeq);
    }
    ps.setString(14, lastUpdate);
    ps.setString(15, r.id());
  }

  /** Binds a new delivery for {@link #INSERT_DELIVERY}. */
  static void bindInsert(PreparedStatement ps, DeliveryRecord r, int ord,
      @Nullable String parentId) throws SQLException {
    ps.setString(1, r.id());
    ps.setString(2, r.notificationId());
    ps.setInt(3, ord);
    ps.setString(4, parentId);
    ps.setString(5, r.channel());
    ps.setString(6, JsonColumns.address(r.address()));
    ps.setString(7, r.userId());
    ps.setInt(8, r.priority().ordinal());
    ps.setString(9, r.state().name());
    ps.setBoolean(10, !r.state().isTerminal());
    ps.setInt(11, r.attemptCount());
    ps.setString(12, JsonColumns.attempts(r.attempts()));
    ps.setLong(13, Micros.of(r.dueAt()));
    ps.setString(14, r.owner());
    ps.setLong(15, r.leaseSeq());
    ps.setString(16, r.reason());
    ps.setString(17, r.providerMessageId());
    ps.setString(18, JsonColumns.receipts(r.receipts()));
    ps.setLong(19, Micros.of(r.updatedAt()));
  }

  /** {@return the record as an append or an expansion stores it: stamped, QUEUED due now} */
  static DeliveryRecord accepted(DeliveryRecord r, java.time.Instant now) {
    java.time.Instant due = r.state() == DeliveryState.QUEUED ? now : r.dueAt();
    return new DeliveryRecord(r.id(), r.notificationId(), r.channel(), r.address(), r.userId(),
        r.priority(), r.state(), r.attemptCount(), r.attempts(), Micros.truncate(due), r.owner(),
        r.leaseSeq(), r.reason(), r.providerMessageId(), r.receipts(), now);
  }

  /** {@return the record given back by its owner: unclaimed, due now, in its state} */
  static DeliveryRecord givenBack(DeliveryRecord r, java.time.Instant now) {
    return new DeliveryRecord(r.id(), r.notificationId(), r.channel(), r.address(), r.userId(),
        r.priority(), r.state(), r.attemptCount(), r.attempts(), now, null, r.leaseSeq(),
        r.reason(), r.providerMessageId(), r.receipts(), now);
  }
}
