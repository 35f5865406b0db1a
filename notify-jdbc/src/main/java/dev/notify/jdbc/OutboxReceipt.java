package dev.notify.jdbc;

import static java.util.Objects.requireNonNull;

/**
 * What {@link JdbcOutbox#send} did. The notification goes out once the caller's transaction
 * commits; follow it with {@code client.status(id)}.
 *
 * @param id the notification's id
 * @param duplicate true when a notification with this id and payload was stored before, so
 *     nothing new was stored
 */
public record OutboxReceipt(String id, boolean duplicate) {
  /**
   * Rejects a null id.
   *
   * @param id the notification's id
   * @param duplicate whether it was a resend
   */
  public OutboxReceipt {
    requireNonNull(id, "id");
  }
}
