package dev.notify.jdbc.internal;

import dev.notify.Recipient;
import dev.notify.spi.codec.NotificationCodec;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Put-if-absent of notifications. The unique key on the notification id decides between
 * concurrent appends of one id from any instance: the loser's insert fails (PostgreSQL waits for
 * the winner's commit first), its transaction is run again, and the new run finds the stored
 * hash.
 */
public final class Appends {
  /** How often an append is run again after it lost a race on an id. */
  private static final int RACES = 20;

  private final Db db;
  private final NotificationCodec codec;
  private final Tally tally;

  /**
   * Creates the appender.
   *
   * @param db the database
   * @param codec writes the notifications' JSON text
   */
  public Appends(Db db, NotificationCodec codec) {
    this.db = db;
    this.codec = codec;
    this.tally = new Tally(db);
  }

  /**
   * A record with its JSON text, encoded before any transaction (a refusal stores nothing).
   *
   * @param record the record
   * @param body its notification's JSON text
   */
  public record Encoded(NotificationRecord record, String body) {
  }

  /**
   * {@return the record checked and encoded, in the caller's thread, for the group committer}
   *
   * @param r the record
   * @throws IllegalArgumentException if a delivery names another notification, repeats a delivery
   *     id, or the notification cannot be written as JSON
   */
  public Encoded encodeForGroup(NotificationRecord r) {
    return encode(r);
  }

  private Encoded encode(NotificationRecord r) {
    Set<String> ids = new HashSet<>();
    for (DeliveryRecord d : r.deliveries()) {
      if (!d.notificationId().equals(r.id())) {
        throw new IllegalArgumentException("delivery " + d.id() + " names notification "
            + d.notificationId() + ", not " + r.id());
      }
      if (!ids.add(d.id())) {
        throw new IllegalArgumentException("delivery id is not unique: " + d.id());
      }
    }
    return new Encoded(r, codec.toJson(r.notification()));
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#appendAll}: one atomic step.
   *
   * @param records the records
   * @return one result per record
   */
  public List<AppendResult> appendAll(List<NotificationRecord> records) {
    List<Encoded> encoded = new ArrayList<>(records.size());
    for (NotificationRecord r : records) {
      encoded.add(encode(r));
    }
    return raced("append notifications", (c, now) -> appendAll(c, now, encoded));
  }

  /**
   * Appends one record in the caller's transaction, independently of anything else in it.
   *
   * @param c the connection, in a transaction
   * @param now the log's time
   * @param e the encoded record
   * @return its result
   * @throws SQLException a unique violation if another transaction stored the id meanwhile;
   *     the caller's transaction must then be run again
   */
  AppendResult appendOne(Connection c, Instant now, Encoded e) throws SQLException {
    return appendAll(c, now, List.of(e)).get(0);
  }

  /**
   * Runs work that appends, again when it lost a race on an id.
   *
   * @param <T> its result
   * @param what for the message of a failure
   * @param work the work
   * @return its result
   */
  <T> T raced(String what, Db.Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return db.tx(what, (c, now) -> {
          try {
            return work.run(c, now);
          } catch (SQLException e) {
            if (Db.isUniqueViolation(e)) {
              throw new RaceLost(e);
            }
            throw e;
          }
        });
      } catch (RaceLost lost) {
        if (attempt >= RACES) {
          throw new dev.notify.LogUnavailableException("notify-jdbc could not " + what
              + ": another transaction kept storing the same ids", lost.getCause());
        }
        Thread.onSpinWait();
      }
    }
  }

  /** Carries a unique violation out of {@link Db#tx}, which would not run it again. */
  private static final class RaceLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RaceLost(SQLException cause) {
      super(cause);
    }
  }

  /**
   * Appends each record of the batch independently in the caller's transaction (the group
   * committer's batch): one look-up of the stored ids and one batch of inserts for all, yet each
   * record answered as if appended alone. A record whose delivery id belongs to another stored
   * notification is answered with its {@link IllegalArgumentException} and stores nothing.
   *
   * @param c the connection, in a transaction
   * @param now the log's time
   * @param batch the records
   * @return per record, its {@link AppendResult} or the {@link IllegalArgumentException} refusing
   *     it
   * @throws SQLException a unique violation if another transaction stored one of the ids
   *     meanwhile; the batch must then be run again
   */
  public List<Object> appendEach(Connection c, Instant now, List<Encoded> batch)
      throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    for (Encoded e : batch) {
      ids.add(e.record().id());
    }
    Map<String, String> stored = storedHashes(c, ids);
    Map<String, Encoded> fresh = new LinkedHashMap<>();
    List<Object> results = new ArrayList<>(batch.size());
    for (Encoded e : batch) {
      NotificationRecord r = e.record();
      String hash = stored.get(r.id());
      Encoded earlier = fresh.get(r.id());
      if (hash != null) {
        results.add(new AppendResult.Existing(hash));
      } else if (earlier != null) {
        results.add(new AppendResult.Existing(earlier.record().payloadHash()));
      } else {
        fresh.put(r.id(), e);
        results.add(new AppendResult.Appended());
      }
    }
    Map<String, String> clashes = clashingDeliveries(c, fresh.values());
    for (int i = 0; i < batch.size(); i++) {
      NotificationRecord r = batch.get(i).record();
      String clash = clashes.get(r.id());
      if (clash != null && results.get(i) instanceof AppendResult.Appended) {
        results.set(i, new IllegalArgumentException("delivery id is not unique: " + clash));
        fresh.remove(r.id());
      }
    }
    if (!fresh.isEmpty()) {
      store(c, now, fresh.values());
    }
    return results;
  }

  /**
   * {@return per fresh notification id, a delivery id of it that is already stored for another
   * notification or repeated within the batch}
   *
   * @throws SQLException a unique violation when a fresh notification itself was stored
   *     meanwhile
   */
  private Map<String, String> clashingDeliveries(Connection c, Collection<Encoded> fresh)
      throws SQLException {
    Map<String, String> owner = new HashMap<>();
    Map<String, String> clashes = new HashMap<>();
    for (Encoded e : fresh) {
      for (DeliveryRecord d : e.record().deliveries()) {
        if (owner.putIfAbsent(d.id(), e.record().id()) != null) {
          clashes.putIfAbsent(e.record().id(), d.id());
        }
      }
    }
    Map<String, String> stored = column(c, "delivery", "notification_id", owner.keySet());
    for (Map.Entry<String, String> row : stored.entrySet()) {
      String mine = owner.get(row.getKey());
      if (mine.equals(row.getValue())) {
        throw new SQLException("notification " + mine + " was stored meanwhile", "23505");
      }
      clashes.putIfAbsent(mine, row.getKey());
    }
    return clashes;
  }

  List<AppendResult> appendAll(Connection c, Instant now, List<Encoded> batch)
      throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    for (Encoded e : batch) {
      ids.add(e.record().id());
    }
    Map<String, String> stored = storedHashes(c, ids);
    Map<String, Encoded> fresh = new LinkedHashMap<>();
    List<AppendResult> results = new ArrayList<>(batch.size());
    boolean[] isStored = new boolean[batch.size()];
    boolean conflict = false;
    for (int i = 0; i < batch.size(); i++) {
      NotificationRecord r = batch.get(i).record();
      String hash = stored.get(r.id());
      Encoded earlier = fresh.get(r.id());
      if (hash != null) {
        isStored[i] = true;
        results.add(new AppendResult.Existing(hash));
        conflict |= !hash.equals(r.payloadHash());
      } else if (earlier != null) {
        results.add(new AppendResult.Existing(earlier.record().payloadHash()));
      } else {
        fresh.put(r.id(), batch.get(i));
        results.add(new AppendResult.Appended());
      }
    }
    if (conflict) {
      for (int i = 0; i < results.size(); i++) {
        if (!isStored[i]) {
          results.set(i, new AppendResult.Skipped());
        }
      }
      return results;
    }
    if (!fresh.isEmpty()) {
      checkNewDeliveries(c, fresh.values());
      store(c, now, fresh.values());
    }
    return results;
  }

  private Map<String, String> storedHashes(Connection c, Collection<String> ids)
      throws SQLException {
    return column(c, "notification", "payload_hash", ids);
  }

  /**
   * {@return {@code column} of the rows of {@code table} whose id is in {@code ids}, by id},
   * asked 100 ids at a time
   */
  private Map<String, String> column(Connection c, String table, String column,
      Collection<String> ids) throws SQLException {
    Map<String, String> values = new HashMap<>();
    List<String> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += 100) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 100));
      String sql = "SELECT id, " + column + " FROM ${p}" + table + " WHERE id IN ("
          + placeholders(chunk.size()) + ")";
      try (PreparedStatement ps = c.prepareStatement(db.sql(sql))) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            values.put(rs.getString(1), rs.getString(2));
          }
        }
      }
    }
    return values;
  }

  private void checkNewDeliveries(Connection c, Collection<Encoded> fresh) throws SQLException {
    Set<String> seen = new HashSet<>();
    Set<String> freshIds = new HashSet<>();
    List<String> ids = new ArrayList<>();
    for (Encoded e : fresh) {
      freshIds.add(e.record().id());
      for (DeliveryRecord d : e.record().deliveries()) {
        if (!seen.add(d.id())) {
          throw new IllegalArgumentException("delivery id is not unique: " + d.id());
        }
        ids.add(d.id());
      }
    }
    Map<String, String> stored = column(c, "delivery", "notification_id", ids);
    for (Map.Entry<String, String> row : stored.entrySet()) {
      if (freshIds.contains(row.getValue())) {
        // the same notification was committed since its id was looked up: run again
        throw new SQLException("notification " + row.getValue() + " was stored meanwhile",
            "23505");
      }
      throw new IllegalArgumentException("delivery id is not unique: " + row.getKey());
    }
  }

  private void store(Connection c, Instant now, Collection<Encoded> fresh) throws SQLException {
    List<String> members = new ArrayList<>();
    try (PreparedStatement n = c.prepareStatement(db.sql("INSERT INTO ${p}notification (id,"
            + " payload_hash, accepted_at, parent_id, body) VALUES (?, ?, ?, ?, ?)"));
        PreparedStatement d = c.prepareStatement(db.sql(Rows.INSERT_DELIVERY));
        PreparedStatement k = c.prepareStatement(db.sql("INSERT INTO ${p}recipient"
            + " (recipient_key, notification_id, accepted_at) VALUES (?, ?, ?)"))) {
      for (Encoded e : fresh) {
        NotificationRecord r = e.record();
        n.setString(1, r.id());
        n.setString(2, r.payloadHash());
        n.setLong(3, Micros.of(r.acceptedAt()));
        n.setString(4, r.parentId());
        n.setString(5, e.body());
        n.addBatch();
        int ord = 0;
        for (DeliveryRecord dr : r.deliveries()) {
          Rows.bindInsert(d, Rows.accepted(dr, now), ord++, r.parentId());
          d.addBatch();
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Recipient rc : r.notification().recipients()) {
          keys.add(rc.key());
        }
        for (String key : keys) {
          k.setString(1, key);
          k.setString(2, r.id());
          k.setLong(3, Micros.of(r.acceptedAt()));
          k.addBatch();
        }
        if (r.parentId() != null) {
          members.add(r.id());
        }
      }
      n.executeBatch();
      d.executeBatch();
      k.executeBatch();
    }
    tally.recount(c, members);
  }

  static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
