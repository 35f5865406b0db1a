package dev.notify;

/**
 * The notification log failed (its database is unreachable, a transaction was aborted) and the
 * call may or may not have taken effect. For {@code send}: the notification may or may not be
 * stored; sending it again with the same id is safe, because ids are idempotent.
 *
 * <p>A {@link dev.notify.spi.log.NotificationLog} may throw it, or any other unchecked exception,
 * for a transient failure; see the log's error contract.
 */
public class LogUnavailableException extends NotifyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed
   */
  public LogUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and its cause.
   *
   * @param message what failed
   * @param cause the log's exception
   */
  public LogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
