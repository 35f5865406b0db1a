package dev.notify;

/**
 * A notification was sent with an id that was already used, within the idempotency window, for a
 * notification with a different payload (content, template, recipients, channels, category,
 * priority, schedule, expiry or options). Reusing an event id for another
 * payload is almost always a bug in the caller, so it is an error rather than a silent success.
 */
public class IdempotencyConflictException extends NotifyException {
  private static final long serialVersionUID = 1L;

  /** The reused id. */
  private final String notificationId;

  /**
   * Creates the exception for a reused id.
   *
   * @param notificationId the reused id
   */
  public IdempotencyConflictException(String notificationId) {
    super("id '" + notificationId + "' was already used for a notification with a different payload"
        + " (content, template, recipients, channels, category, priority, schedule, expiry or"
            + " options); use a new id for a new notification");
    this.notificationId = notificationId;
  }

  /** {@return the reused id} */
  public String notificationId() {
    return notificationId;
  }
}
