package dev.notify.jdbc.internal;

import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.Transition;
import dev.notify.status.DeliveryState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fenced state changes. A transition locks its row, recognises its own retry (the row remembers
 * the fence and update of the transition that changed it last, until anything else changes it),
 * and otherwise writes with the owner and lease sequence in the {@code WHERE}, so that a stale
 * owner changes nothing.
 */
public final class Transitions {
  private static final String LOCK = "SELECT " + Rows.DELIVERY_COLUMNS
      + ", d.last_fence_owner, d.last_fence_seq, d.last_update FROM ${p}delivery d"
      + " WHERE d.id = ? FOR UPDATE";
  private static final String FENCED_UPDATE = Rows.UPDATE_DELIVERY
      + " AND owner = ? AND lease_seq = ?";

  private final Db db;
  private final Receipts receipts;
  private final Tally tally;

  /**
   * Creates the transitions.
   *
   * @param db the database
   * @param receipts attaches receipts kept for a delivery that commits SENT
   */
  public Transitions(Db db, Receipts receipts) {
    this.db = db;
    this.receipts = receipts;
    this.tally = new Tally(db);
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#transitionAll} in one transaction, rows locked in
   * id order.
   *
   * @param batch the changes
   * @return per change, whether it was applied
   */
  public List<Boolean> transitionAll(List<Transition> batch) {
    return db.tx("apply transitions", (c, now) -> applyAll(c, now, batch));
  }

  /**
   * Applies the changes in the caller's transaction, each independently, rows locked in id order.
   *
   * @param c the connection, in a transaction
   * @param now the log's time
   * @param batch the changes
   * @return per change, in the batch's order, whether it was applied
   * @throws SQLException if the database fails
   */
  List<Boolean> applyAll(Connection c, Instant now, List<Transition> batch) throws SQLException {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> batch.get(i).deliveryId()));
    Boolean[] applied = new Boolean[batch.size()];
    Set<String> finished = new HashSet<>();
    for (int i : order) {
      Transition t = batch.get(i);
      applied[i] = apply(c, now, t.deliveryId(), t.fence(), t.update(), finished);
    }
    tally.recount(c, finished);
    return List.of(applied);
  }

  private boolean apply(Connection c, Instant now, String id, Fence fence, DeliveryUpdate update,
      Set<String> changedTerminal) throws SQLException {
    DeliveryRecord current;
    String canonical = JsonColumns.update(update);
    try (PreparedStatement ps = c.prepareStatement(db.sql(LOCK))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        current = Rows.delivery(rs, 1);
        String lastOwner = rs.getString(17);
        long lastSeq = rs.getLong(18);
        String lastUpdate = rs.getString(19);
        if (fence.owner().equals(lastOwner) && fence.seq() == lastSeq
            && canonical.equals(lastUpdate)) {
          return true; // the retry of the transition that made the row what it is
        }
      }
    }
    if (!fence.owner().equals(current.owner()) || fence.seq() != current.leaseSeq()) {
      return false;
    }
    DeliveryRecord next = current.apply(update, now);
    if (next.state() == DeliveryState.SENT) {
      next = receipts.attachKept(c, next);
    }
    int n;
    try (PreparedStatement ps = c.prepareStatement(db.sql(FENCED_UPDATE))) {
      Rows.bindUpdate(ps, next, fence.owner(), fence.seq(), canonical);
      ps.setString(16, fence.owner());
      ps.setLong(17, fence.seq());
      n = ps.executeUpdate();
    }
    if (n == 1 && current.state().isTerminal() != next.state().isTerminal()) {
      changedTerminal.add(current.notificationId());
    }
    return n == 1;
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#expand}.
   *
   * @param id the placeholder
   * @param fence the caller's claim on it
   * @param replacements what it resolved to
   * @return false if the fence did not match or the placeholder is gone
   */
  public boolean expand(String id, Fence fence, List<DeliveryRecord> replacements) {
    return db.tx("expand a placeholder", (c, now) -> {
      DeliveryRecord placeholder;
      try (PreparedStatement ps = c.prepareStatement(db.sql(LOCK))) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          placeholder = Rows.delivery(rs, 1);
        }
      }
      if (!fence.owner().equals(placeholder.owner()) || fence.seq() != placeholder.leaseSeq()) {
        return false;
      }
      String notificationId = placeholder.notificationId();
      Set<String> fresh = new HashSet<>();
      for (DeliveryRecord r : replacements) {
        if (!r.notificationId().equals(notificationId)) {
          throw new IllegalArgumentException("delivery " + r.id() + " names notification "
              + r.notificationId() + ", not " + notificationId);
        }
        if (!fresh.add(r.id()) || exists(c, r.id())) {
          throw new IllegalArgumentException("delivery id is not unique: " + r.id());
        }
      }
      List<String> ordered = new ArrayList<>();
      String parentId = null;
      try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT id, parent_id FROM"
          + " ${p}delivery WHERE notification_id = ? ORDER BY ord FOR UPDATE"))) {
        ps.setString(1, notificationId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ordered.add(rs.getString(1));
            parentId = rs.getString(2);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(db.sql(
          "DELETE FROM ${p}delivery WHERE id = ?"))) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      int at = ordered.indexOf(id);
      ordered.remove(at);
      try (PreparedStatement ins = c.prepareStatement(db.sql(Rows.INSERT_DELIVERY))) {
        for (int k = 0; k < replacements.size(); k++) {
          DeliveryRecord r = replacements.get(k);
          ordered.add(at + k, r.id());
          Rows.bindInsert(ins, Rows.accepted(r, now), 0, parentId);
          ins.addBatch();
        }
        ins.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement(db.sql(
          "UPDATE ${p}delivery SET ord = ? WHERE id = ?"))) {
        for (int k = 0; k < ordered.size(); k++) {
          ps.setInt(1, k);
          ps.setString(2, ordered.get(k));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      tally.recount(c, List.of(notificationId));
      return true;
    });
  }

  private boolean exists(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(db.sql(
        "SELECT 1 FROM ${p}delivery WHERE id = ?"))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#cancel} and
   * {@link dev.notify.spi.log.NotificationLog#replay}: resets the deliveries in the given states.
   *
   * @param notificationId the notification
   * @param cancel true to cancel what is waiting, false to replay what is DEAD
   * @return the deliveries changed, as they are now
   */
  public List<DeliveryRecord> reset(String notificationId, boolean cancel) {
    return db.tx(cancel ? "cancel a notification" : "replay a notification", (c, now) -> {
      List<DeliveryRecord> changed = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT " + Rows.DELIVERY_COLUMNS
          + " FROM ${p}delivery d WHERE d.notification_id = ? ORDER BY d.ord FOR UPDATE"))) {
        ps.setString(1, notificationId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            DeliveryRecord r = Rows.delivery(rs, 1);
            DeliveryState s = r.state();
            if (cancel && (s == DeliveryState.SCHEDULED || s == DeliveryState.QUEUED
                || s == DeliveryState.RETRY_SCHEDULED)) {
              changed.add(r.reset(DeliveryState.CANCELLED, r.attemptCount(), "cancelled", now));
            } else if (!cancel && s == DeliveryState.DEAD) {
              changed.add(r.reset(DeliveryState.QUEUED, 0, null, now));
            }
          }
        }
      }
      if (changed.isEmpty()) {
        return List.of();
      }
      try (PreparedStatement update = c.prepareStatement(db.sql(Rows.UPDATE_DELIVERY))) {
        for (DeliveryRecord r : changed) {
          Rows.bindUpdate(update, r, null, 0, null);
          update.addBatch();
        }
        update.executeBatch();
      }
      tally.recount(c, List.of(notificationId));
      return List.copyOf(changed);
    });
  }
}
