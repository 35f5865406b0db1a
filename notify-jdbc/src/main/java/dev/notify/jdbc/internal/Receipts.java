package dev.notify.jdbc.internal;

import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.ReceiptResult;
import dev.notify.status.Receipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Provider receipts: added to the delivery sent with a (channel, provider message id) or known by
 * its id, and kept in {@code ${p}kept_receipt} when they overtake the SENT commit, until that
 * commit takes them. Receipts change no claim and leave a retried SENT transition recognisable.
 */
public final class Receipts {
  /** How many early receipts are kept at most; the oldest go first. */
  static final int MAX_KEPT = 10_000;
  /** How long an early receipt is kept at least, unless {@link #MAX_KEPT} newer ones arrive. */
  static final Duration KEPT_FOR = Duration.ofHours(1);

  private final Db db;

  /**
   * Creates the receipt book.
   *
   * @param db the database
   */
  public Receipts(Db db) {
    this.db = db;
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#recordReceipt}.
   *
   * @param channel the channel
   * @param pmid the provider message id
   * @param receipt the receipt
   * @return recorded, duplicate or kept
   */
  public ReceiptResult record(String channel, String pmid, Receipt receipt) {
    return db.tx("record a receipt", (c, now) -> {
      String id = null;
      try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT id FROM ${p}delivery"
          + " WHERE channel = ? AND provider_message_id = ? ORDER BY seq DESC"))) {
        ps.setString(1, channel);
        ps.setString(2, pmid);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            id = rs.getString(1);
          }
        }
      }
      if (id != null) {
        ReceiptResult r = add(c, id, receipt);
        if (!(r instanceof ReceiptResult.Unknown)) {
          return r;
        }
      }
      keep(c, channel, pmid, receipt, now);
      return new ReceiptResult.Kept();
    });
  }

  /**
   * {@link dev.notify.spi.log.NotificationLog#recordReceiptFor}.
   *
   * @param deliveryId the delivery
   * @param receipt the receipt
   * @return recorded, duplicate or unknown
   */
  public ReceiptResult recordFor(String deliveryId, Receipt receipt) {
    return db.tx("record a receipt", (c, now) -> add(c, deliveryId, receipt));
  }

  private ReceiptResult add(Connection c, String id, Receipt receipt) throws SQLException {
    DeliveryRecord d;
    try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT " + Rows.DELIVERY_COLUMNS
        + " FROM ${p}delivery d WHERE d.id = ? FOR UPDATE"))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new ReceiptResult.Unknown();
        }
        d = Rows.delivery(rs, 1);
      }
    }
    if (d.receipts().contains(receipt)) {
      return new ReceiptResult.Duplicate(d);
    }
    DeliveryRecord next = d.withReceipt(receipt);
    try (PreparedStatement ps = c.prepareStatement(db.sql(
        "UPDATE ${p}delivery SET receipts = ? WHERE id = ?"))) {
      ps.setString(1, JsonColumns.receipts(next.receipts()));
      ps.setString(2, id);
      ps.executeUpdate();
    }
    return new ReceiptResult.Recorded(next);
  }

  private void keep(Connection c, String channel, String pmid, Receipt receipt, Instant now)
      throws SQLException {
    dropExpired(c, now);
    String text = JsonColumns.receiptText(receipt);
    try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT receipt FROM"
        + " ${p}kept_receipt WHERE channel = ? AND provider_message_id = ?"))) {
      ps.setString(1, channel);
      ps.setString(2, pmid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (JsonColumns.receiptOf(rs.getString(1)).equals(receipt)) {
            return; // a redelivered report
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(db.sql("INSERT INTO ${p}kept_receipt"
        + " (channel, provider_message_id, receipt, kept_at) VALUES (?, ?, ?, ?)"))) {
      ps.setString(1, channel);
      ps.setString(2, pmid);
      ps.setString(3, text);
      ps.setLong(4, Micros.of(now));
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(db.sql("DELETE FROM ${p}kept_receipt"
        + " WHERE seq <= (SELECT MAX(seq) FROM ${p}kept_receipt) - ?"))) {
      ps.setInt(1, MAX_KEPT);
      ps.executeUpdate();
    }
  }

  /**
   * {@return the record with the receipts kept for it added, taking them out of the keep}
   *
   * @param c the transition's connection
   * @param committed the delivery as it commits SENT
   * @throws SQLException if the database fails
   */
  DeliveryRecord attachKept(Connection c, DeliveryRecord committed) throws SQLException {
    String pmid = committed.providerMessageId();
    if (pmid == null) {
      return committed;
    }
    List<Receipt> early = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(db.sql("SELECT receipt FROM ${p}kept_receipt"
        + " WHERE channel = ? AND provider_message_id = ? ORDER BY seq"))) {
      ps.setString(1, committed.channel());
      ps.setString(2, pmid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          early.add(JsonColumns.receiptOf(rs.getString(1)));
        }
      }
    }
    if (early.isEmpty()) {
      return committed;
    }
    try (PreparedStatement ps = c.prepareStatement(db.sql("DELETE FROM ${p}kept_receipt"
        + " WHERE channel = ? AND provider_message_id = ?"))) {
      ps.setString(1, committed.channel());
      ps.setString(2, pmid);
      ps.executeUpdate();
    }
    DeliveryRecord r = committed;
    for (Receipt receipt : early) {
      if (!r.receipts().contains(receipt)) {
        r = r.withReceipt(receipt);
      }
    }
    return r;
  }

  /**
   * Drops early receipts kept longer than {@link #KEPT_FOR}.
   *
   * @param c the connection, in a transaction
   * @param now the log's time
   * @throws SQLException if the database fails
   */
  void dropExpired(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(db.sql(
        "DELETE FROM ${p}kept_receipt WHERE kept_at < ?"))) {
      ps.setLong(1, Micros.of(now.minus(KEPT_FOR)));
      ps.executeUpdate();
    }
  }
}
