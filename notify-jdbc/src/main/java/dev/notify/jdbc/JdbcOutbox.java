package dev.notify.jdbc;

import static java.util.Objects.requireNonNull;

import dev.notify.IdempotencyConflictException;
import dev.notify.LogUnavailableException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.jdbc.internal.Appends;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.NotificationRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * The transactional outbox: sends a notification as part of the caller's own database
 * transaction. The record is written on the caller's connection and is seen by the client's
 * workers only once that transaction commits; a rollback leaves nothing, and nothing is sent.
 * Validation, deduplication and the idempotency check are those of {@code send}: the client
 * checks the notification ({@link NotificationClient#prepare}), and the log's unique key on the
 * id tells a resend (a duplicate) from another notification with the id.
 *
 * <pre>{@code
 * JdbcOutbox outbox = JdbcOutbox.of(client, log);   // the log the client was built with
 * try (Connection c = dataSource.getConnection()) {
 *   c.setAutoCommit(false);
 *   insertOrder(c, order);
 *   outbox.send(Notification.builder().id("order-" + order.id()) ... .build(), c);
 *   c.commit();                                       // now the notification goes out
 * }
 * }</pre>
 *
 * <p>The connection must reach the log's database and be in a transaction
 * ({@code autoCommit} off). The log's tables are written inside a savepoint, so a failure of the
 * outbox (a duplicate id racing with another transaction, say) leaves the caller's transaction
 * usable. The workers find the committed record at their next poll of the log
 * ({@code NotificationClientBuilder.pollInterval}, 1 s by default). Thread-safe; a connection is
 * used by one thread at a time, as JDBC wants.
 */
public final class JdbcOutbox {
  private final NotificationClient client;
  private final JdbcNotificationLog log;

  private JdbcOutbox(NotificationClient client, JdbcNotificationLog log) {
    this.client = client;
    this.log = log;
  }

  /**
   * {@return an outbox for the client, writing to its log}
   *
   * @param client the client whose workers send what the outbox stores
   * @param log the log that client was built with
   */
  public static JdbcOutbox of(NotificationClient client, JdbcNotificationLog log) {
    return new JdbcOutbox(requireNonNull(client, "client"), requireNonNull(log, "log"));
  }

  /**
   * Stores the notification in the caller's open transaction.
   *
   * @param notification the notification
   * @param connection the caller's connection, in a transaction, on the log's database
   * @return whether it was stored ({@code duplicate} false) or was a resend of a notification
   *     stored before with the same id and payload ({@code duplicate} true, nothing new stored)
   * @throws dev.notify.InvalidNotificationException when the notification breaks a rule; nothing
   *     is stored
   * @throws IdempotencyConflictException when the id was used for a different payload
   * @throws IllegalArgumentException if the connection is in auto-commit mode
   * @throws LogUnavailableException if the database failed; the caller's transaction is as it was
   *     before the call
   */
  public OutboxReceipt send(Notification notification, Connection connection) {
    requireNonNull(notification, "notification");
    requireNonNull(connection, "connection");
    NotificationRecord record = client.prepare(notification);
    Appends.Encoded encoded = log.appends().encodeForGroup(record);
    Savepoint savepoint = null;
    try {
      if (connection.getAutoCommit()) {
        throw new IllegalArgumentException("the outbox writes in the caller's transaction:"
            + " the connection must have autoCommit off");
      }
      for (int attempt = 1; ; attempt++) {
        savepoint = connection.setSavepoint();
        try {
          Object result = log.appends().appendEach(connection, log.db().now(connection),
              List.of(encoded)).get(0);
          connection.releaseSavepoint(savepoint);
          return answer(record, result);
        } catch (SQLException e) {
          connection.rollback(savepoint);
          if (!dev.notify.jdbc.internal.Db.isUniqueViolation(e) || attempt >= 20) {
            throw e;
          }
          // another transaction stored the id meanwhile and has committed: look again
        }
      }
    } catch (SQLException e) {
      throw new LogUnavailableException("the outbox could not store notification "
          + notification.id() + " (SQLState " + e.getSQLState() + "); the caller's transaction"
          + " is as it was before", e);
    }
  }

  private static OutboxReceipt answer(NotificationRecord record, Object result) {
    if (result instanceof IllegalArgumentException refused) {
      throw refused;
    }
    if (result instanceof AppendResult.Existing e) {
      if (!e.payloadHash().equals(record.payloadHash())) {
        throw new IdempotencyConflictException(record.id());
      }
      return new OutboxReceipt(record.id(), true);
    }
    return new OutboxReceipt(record.id(), false);
  }
}
